import { isValidPhone, isValidSiret } from '../contracts/index.js';

/**
 * Quality score 0–100 of a contact: how complete and how usable the record is. Weighted so that a
 * contact one can actually reach (valid e-mail and phone) counts most.
 */
const WEIGHTS: [string, number, ((v: string) => boolean)?][] = [
  ['email', 25, (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)],
  ['phone', 20, isValidPhone],
  ['companyName', 10],
  ['jobTitle', 10],
  ['siret', 15, isValidSiret],
  ['manager', 5],
  ['city', 5],
  ['postalCode', 5],
  ['address', 5],
];

export function qualityScore(c: Record<string, unknown>): number {
  let score = 0;
  for (const [field, weight, valid] of WEIGHTS) {
    const v = c[field];
    if (typeof v === 'string' && v.trim() && (!valid || valid(v))) score += weight;
  }
  return Math.min(100, score);
}
