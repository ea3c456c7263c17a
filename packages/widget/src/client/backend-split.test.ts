import { describe, expect, it } from 'vitest';
import { chooseBackend, fnv1a32, splitBucketOf } from './backend-split.ts';

const userIds = Array.from({ length: 2000 }, (_, index) => `visitor-${index}-${(index * 7919) % 1013}`);

describe('progressive v1/v2 split', () => {
  it('sends everyone to v2 by default (no share, or no v1 URL)', () => {
    for (const userId of userIds.slice(0, 200)) {
      expect(chooseBackend({ userId, v2SharePercent: undefined, v1Url: 'https://n8n.example/webhook/chat' })).toBe('v2');
      expect(chooseBackend({ userId, v2SharePercent: 0, v1Url: undefined })).toBe('v2');
    }
  });

  it('is sticky: the same user id always lands on the same side', () => {
    for (const userId of userIds.slice(0, 200)) {
      const first = chooseBackend({ userId, v2SharePercent: 50, v1Url: 'https://n8n.example' });
      for (let repeat = 0; repeat < 3; repeat += 1) {
        expect(chooseBackend({ userId, v2SharePercent: 50, v1Url: 'https://n8n.example' })).toBe(first);
      }
    }
  });

  it('sends about the given share to v2, 0 to nobody and 100 to everyone', () => {
    const shareOnV2 = (percent: number) =>
      userIds.filter((userId) => chooseBackend({ userId, v2SharePercent: percent, v1Url: 'https://n8n.example' }) === 'v2').length / userIds.length;
    expect(shareOnV2(0)).toBe(0);
    expect(shareOnV2(100)).toBe(1);
    expect(shareOnV2(30)).toBeGreaterThan(0.25);
    expect(shareOnV2(30)).toBeLessThan(0.35);
  });

  it('raising the share only moves visitors from v1 to v2, never back', () => {
    for (const userId of userIds) {
      let wasOnV2 = false;
      for (let percent = 0; percent <= 100; percent += 5) {
        const onV2 = chooseBackend({ userId, v2SharePercent: percent, v1Url: 'https://n8n.example' }) === 'v2';
        if (wasOnV2) expect(onV2).toBe(true);
        wasOnV2 = onV2;
      }
    }
  });

  it('hashes with FNV-1a over UTF-8 into buckets 0–99', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    for (const userId of userIds.slice(0, 100)) {
      const bucket = splitBucketOf(userId);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
    expect(splitBucketOf('éàü-😀')).toBe(splitBucketOf('éàü-😀'));
  });
});
