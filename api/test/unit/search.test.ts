import { describe, expect, it } from 'vitest';
import { accentInsensitivePattern, siretField } from '../../src/contracts/index.js';

describe('accent-insensitive search pattern', () => {
  it('matches names whatever their accents and case', () => {
    const rx = new RegExp(accentInsensitivePattern('elodie'), 'i');
    expect(rx.test('Élodie')).toBe(true);
    expect(new RegExp(accentInsensitivePattern('Élo'), 'i').test('elodie')).toBe(true);
    expect(new RegExp(accentInsensitivePattern('a.b'), 'i').test('axb')).toBe(false);
  });
});

describe('SIRET field', () => {
  it('reports one error for a wrong length', () => {
    const res = siretField.safeParse('123');
    expect(res.error?.issues.map((i) => i.message)).toEqual(['Le SIRET doit comporter 14 chiffres.']);
  });
});
