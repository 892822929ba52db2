import { describe, expect, it } from 'vitest';
import {
  contactCreateSchema,
  formatPhone,
  isValidSiren,
  isValidSiret,
  normalisePhone,
} from '../../src/contracts/index.js';
import { fakeSiret } from '../../src/demo/seed.js';

describe('SIRET / SIREN', () => {
  it('accepts real identifiers and rejects a wrong check digit', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('7328293200007a')).toBe(false);
  });
  it("applies INSEE's La Poste exception (sum of digits multiple of 5)", () => {
    expect(isValidSiret('35600000000048')).toBe(true);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
  });
  it('generated demo SIRETs are valid', () => {
    for (let i = 0; i < 50; i++) expect(isValidSiret(fakeSiret())).toBe(true);
  });
});

describe('phone numbers', () => {
  it('normalises French and international numbers to E.164', () => {
    expect(normalisePhone('06 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhone('+33 1 42 68 53 00')).toBe('+33142685300');
    expect(normalisePhone('+32 470 12 34 56')).toBe('+32470123456');
    expect(normalisePhone('12')).toBeUndefined();
  });
  it('formats French numbers nationally and others internationally', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+32470123456')).toBe('+32 470 12 34 56');
  });
});

describe('contact schema', () => {
  it('is strict and treats empty strings as absent', () => {
    const ok = contactCreateSchema.safeParse({ firstName: ' Ana ', lastName: 'B', status: 'lead', email: '', phone: '' });
    expect(ok.success).toBe(true);
    expect(ok.data).toMatchObject({ firstName: 'Ana', email: undefined, phone: undefined });
    expect(contactCreateSchema.safeParse({ firstName: 'A', lastName: 'B', status: 'lead', role: 'admin' }).success).toBe(false);
    const missing = contactCreateSchema.safeParse({ lastName: 'B', status: 'vip' });
    expect(missing.success).toBe(false);
    const messages = missing.error!.issues.map((i) => i.message);
    expect(messages).toContain('Le prénom est obligatoire.');
    expect(messages).toContain('Statut inconnu (Lead, Prospect ou Client).');
  });
});
