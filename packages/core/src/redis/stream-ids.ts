/**
 * Orders two Redis stream ids (`<ms>-<seq>`): negative when `a` is older, 0 when equal. Compared as
 * integers of any size (a sequence number can exceed what a double holds exactly).
 */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}
