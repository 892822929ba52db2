import { describe, expect, it } from 'vitest';
import { AMOUNT_NOT_A_NUMBER, amountBoundsError, formatAmount, parseAmount } from '../src/amount.js';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('parseAmount (French formats)', () => {
  it('reads a decimal comma without changing the magnitude', () => {
    expect(parseAmount('4800,50')).toEqual({ ok: true, value: 4800.5 });
    expect(parseAmount('4800,5')).toEqual({ ok: true, value: 4800.5 });
    expect(parseAmount('4800.50')).toEqual({ ok: true, value: 4800.5 });
    expect(parseAmount('4800')).toEqual({ ok: true, value: 4800 });
  });
  it('reads spaces, no-break and narrow no-break spaces as thousands separators', () => {
    expect(parseAmount('4 800,50')).toEqual({ ok: true, value: 4800.5 });
    expect(parseAmount('4\u00a0800,50')).toEqual({ ok: true, value: 4800.5 });
    expect(parseAmount('1\u202f234\u202f567,89 €')).toEqual({ ok: true, value: 1234567.89 });
    expect(parseAmount(' 12 500 ')).toEqual({ ok: true, value: 12500 });
    expect(parseAmount('1.234,50')).toEqual({ ok: true, value: 1234.5 });
  });
  it('reads an empty text as no value', () => {
    expect(parseAmount('')).toEqual({ ok: true, value: null });
    expect(parseAmount('  ')).toEqual({ ok: true, value: null });
    expect(parseAmount(undefined)).toEqual({ ok: true, value: null });
  });
  it('refuses what is not a number with a French message, never 0', () => {
    for (const text of ['abc', '12abc', '4,800,50', '1.2.3', '--5', '4 8OO', ',', '1.23,4']) {
      expect(parseAmount(text), text).toEqual({ ok: false, error: AMOUNT_NOT_A_NUMBER });
    }
  });
  it('refuses more decimals than accepted instead of rounding or guessing', () => {
    expect(parseAmount('4,555')).toEqual({ ok: false, error: 'Au plus 2 décimales.' });
    // "4.800" could be 4 800 or 4,8: refused rather than guessed.
    expect(parseAmount('4.800').ok).toBe(false);
    expect(parseAmount('12,5', 0)).toEqual({ ok: false, error: 'Saisissez un nombre entier.' });
    expect(parseAmount('12', 0)).toEqual({ ok: true, value: 12 });
  });
  it('keeps the sign so bounds can refuse a negative amount', () => {
    expect(parseAmount('-50')).toEqual({ ok: true, value: -50 });
    expect(parseAmount('\u221250')).toEqual({ ok: true, value: -50 });
    expect(amountBoundsError(-50, 0)).toBe('Saisissez un nombre positif.');
    expect(amountBoundsError(50, 0, 100)).toBeUndefined();
    expect(plain(amountBoundsError(150, 0, 100) ?? '')).toBe('Au plus 100.');
  });
});

describe('formatAmount', () => {
  it('writes French numbers that parseAmount reads back', () => {
    expect(plain(formatAmount(4800.5))).toBe('4 800,50');
    expect(plain(formatAmount(12500))).toBe('12 500');
    expect(formatAmount(null)).toBe('');
    for (const v of [0, 0.5, 4800.5, 1234567.89, 100000000]) {
      expect(parseAmount(formatAmount(v))).toEqual({ ok: true, value: v });
    }
  });
});
