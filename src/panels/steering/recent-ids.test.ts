// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadRecentIds, MAX_RECENT, rememberId } from './recent-ids.ts';

describe('recent vector ids', () => {
  beforeEach(() => localStorage.clear());
  it('keeps the newest first, once each, at most MAX_RECENT', () => {
    for (let i = 0; i < MAX_RECENT + 3; i++) rememberId(`sv_${i}`);
    rememberId('sv_5');
    const l = loadRecentIds();
    expect(l[0]).toBe('sv_5');
    expect(l).toHaveLength(MAX_RECENT);
    expect(new Set(l).size).toBe(l.length);
    expect(l).not.toContain('sv_0');
  });
  it('ignores blanks and survives damaged storage', () => {
    rememberId('   ');
    expect(loadRecentIds()).toEqual([]);
    localStorage.setItem('axplay.steering.recent', '{"no":1}');
    expect(loadRecentIds()).toEqual([]);
  });
});
