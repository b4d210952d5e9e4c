import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../src/ui/sync/relativeTime.js';

const now = Date.parse('2026-11-22T09:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('last synced, in words', () => {
  it('says nothing under a minute (the panel says "baru saja"), and for a time ahead of this clock', () => {
    expect(relativeTime(ago(59), now, 'id')).toBeNull();
    expect(relativeTime(ago(-120), now, 'id')).toBeNull();
    expect(relativeTime('not a time', now, 'id')).toBeNull();
  });

  it('counts minutes, hours and days in Indonesian and English', () => {
    expect(relativeTime(ago(5 * 60 + 20), now, 'id')).toBe('5 menit yang lalu');
    expect(relativeTime(ago(5 * 60 + 20), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600 + 59 * 60), now, 'id')).toBe('3 jam yang lalu');
    expect(relativeTime(ago(26 * 3600), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(3 * 86400), now, 'id')).toBe('3 hari yang lalu');
  });
});
