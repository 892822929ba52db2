import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDayLong,
  formatDuration,
  formatEuros,
  formatNumber,
  formatPercent,
  formatTime,
  fullName,
} from '../src/format.js';

// Intl uses narrow no-break spaces in French; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('formatters (fr-FR, Europe/Paris)', () => {
  it('formats dates as dd/mm/yyyy in Paris time', () => {
    expect(formatDate('2026-03-05T10:00:00Z')).toBe('05/03/2026');
    // 23:30 UTC on 31 Dec is already 1 January in Paris.
    expect(formatDate('2025-12-31T23:30:00Z')).toBe('01/01/2026');
    expect(formatDateTime('2026-07-14T12:05:00Z')).toBe('14/07/2026 14:05');
    expect(formatDate(null)).toBe('—');
  });
  it('formats euros, numbers and percentages the French way', () => {
    expect(plain(formatEuros(1234567))).toBe('1 234 567 €');
    expect(plain(formatEuros(19.9, true))).toBe('19,90 €');
    expect(plain(formatNumber(100000))).toBe('100 000');
    expect(plain(formatPercent(12.345, 1))).toBe('12,3 %');
    expect(fullName({ firstName: 'Léa', lastName: 'Rousseau' })).toBe('Léa Rousseau');
  });
  it('formats times, long days and durations', () => {
    expect(formatTime('2026-07-14T12:05:00Z')).toBe('14:05');
    expect(formatDayLong('2026-10-14T22:30:00Z')).toBe('jeudi 15 octobre 2026');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(90)).toBe('1 h 30');
    expect(formatDuration(null)).toBe('—');
  });
});
