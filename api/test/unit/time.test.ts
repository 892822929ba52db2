import { describe, expect, it } from 'vitest';
import { parisDayKey, parisStartOfDay, parisWallTime, parisWallTimeToDate } from '../../src/contracts/index.js';

describe('Europe/Paris wall time', () => {
  it('reads the Paris wall time of an instant, winter and summer', () => {
    expect(parisWallTime('2026-01-15T09:30:00Z')).toMatchObject({ year: 2026, month: 1, day: 15, hour: 10, minute: 30 });
    expect(parisWallTime('2026-07-15T09:30:00Z')).toMatchObject({ year: 2026, month: 7, day: 15, hour: 11, minute: 30 });
  });

  it('turns a Paris wall time into the instant, whatever the machine zone', () => {
    expect(parisWallTimeToDate({ year: 2026, month: 10, day: 14, hour: 10, minute: 30 }).toISOString()).toBe('2026-10-14T08:30:00.000Z');
    expect(parisWallTimeToDate({ year: 2026, month: 12, day: 1, hour: 0, minute: 0 }).toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('handles the daylight saving changes', () => {
    // 29 March 2026: 02:00 → 03:00; 02:30 does not exist and lands one hour later.
    expect(parisWallTimeToDate({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parisWallTimeToDate({ year: 2026, month: 3, day: 29, hour: 3, minute: 0 }).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 25 October 2026: 03:00 → 02:00; 02:30 happens twice, the first one is taken.
    expect(parisWallTimeToDate({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives Paris days and their start', () => {
    expect(parisDayKey('2026-03-31T21:30:00Z')).toBe('2026-03-31');
    expect(parisDayKey('2026-03-31T22:30:00Z')).toBe('2026-04-01');
    expect(parisStartOfDay('2026-03-01').toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(parisStartOfDay('2026-03-31', 1).toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });
});
