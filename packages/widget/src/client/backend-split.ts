/**
 * The progressive v1 → v2 migration: `data-v2-share` (0–100) of visitors go to v2,
 * chosen by a stable hash of their user id, so a visitor stays on the same side
 * across visits, and raising the share only moves visitors from v1 to v2.
 * The default (no share, or no v1 URL) sends everyone to v2.
 */
export type BackendVersion = 'v1' | 'v2';

/** FNV-1a (32 bits) of the UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** 0–99, stable for a user id. */
export function splitBucketOf(userId: string): number {
  return fnv1a32(userId) % 100;
}

export function chooseBackend(options: { userId: string; v2SharePercent: number | undefined; v1Url: string | undefined }): BackendVersion {
  if (!options.v1Url || options.v2SharePercent === undefined) return 'v2';
  const share = Math.min(100, Math.max(0, options.v2SharePercent));
  return splitBucketOf(options.userId) < share ? 'v2' : 'v1';
}
