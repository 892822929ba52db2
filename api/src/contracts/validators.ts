/** Field validators shared by the API and the forms. Messages are French: they reach the user. */
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN: 9 digits with a Luhn checksum. */
export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value);
}

/**
 * SIRET: 14 digits with a Luhn checksum. La Poste's establishments (SIREN 356000000) follow
 * INSEE's exception: the sum of the digits is a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000') && value !== '35600000000048') {
    const sum = [...value].reduce((s, c) => s + Number(c), 0);
    return sum % 5 === 0;
  }
  return luhnValid(value);
}

export function normaliseSiret(value: string): string {
  return value.replace(/[\s.]/g, '');
}

/** Phone numbers: French national format or international (+…); stored in E.164. */
export function normalisePhone(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, 'FR');
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

export function isValidPhone(value: string): boolean {
  return isValidPhoneNumber(value, 'FR');
}

export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, 'FR');
  if (!parsed) return e164;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}

/** Trimmed text; an empty string becomes undefined so that optional fields can be cleared. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${max} caractères au maximum.` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const requiredText = (max: number, label: string) =>
  z
    .string({ message: `${label} est obligatoire.` })
    .trim()
    .min(1, { message: `${label} est obligatoire.` })
    .max(max, { message: `${label} : ${max} caractères au maximum.` });

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "L'e-mail est trop long." })
  .pipe(z.email({ message: "L'adresse e-mail n'est pas valide." }));

export const phoneField = z
  .string()
  .trim()
  .max(30, { message: 'Le numéro de téléphone est trop long.' })
  .refine((v) => isValidPhone(v), {
    message: "Le numéro de téléphone n'est pas valide (format français ou international +…).",
  })
  .transform((v) => normalisePhone(v) as string);

export const siretField = z
  .string()
  .transform(normaliseSiret)
  .refine((v) => /^\d{14}$/.test(v), { message: 'Le SIRET doit comporter 14 chiffres.', abort: true })
  .refine(isValidSiret, { message: "Le SIRET n'est pas valide (clé de contrôle incorrecte)." });

export const postalCodeField = z
  .string()
  .trim()
  .regex(/^\d{5}$/, { message: 'Le code postal doit comporter 5 chiffres.' });

/** The text as a regular expression source that matches it literally (its special characters escaped). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression source matching the text whatever its accents and case (use with the `i` flag). */
export function accentInsensitivePattern(text: string): string {
  const groups: Record<string, string> = {
    a: 'aàâäá',
    c: 'cç',
    e: 'eéèêë',
    i: 'iîïí',
    o: 'oôöó',
    u: 'uùûüú',
    y: 'yÿ',
    n: 'nñ',
  };
  return [
    ...text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
  ]
    .map((ch) => (groups[ch] ? `[${groups[ch]}]` : escapeRegex(ch)))
    .join('');
}

/** A MongoDB ObjectId written as 24 hexadecimal characters. */
export const OBJECT_ID_PATTERN = /^[a-f\d]{24}$/i;
/** Whether a value (a URL parameter, a select's value…) is an ObjectId. */
export const isObjectId = (value: unknown): value is string =>
  typeof value === 'string' && OBJECT_ID_PATTERN.test(value);
/** A MongoDB ObjectId as a 24-hex string; anything else (objects, operators) is refused. */
export const objectIdField = z.string().regex(OBJECT_ID_PATTERN, { message: 'Identifiant invalide.' });
/** A reference the person must choose (a select): missing or empty says what to choose. */
export const requiredIdField = (message: string) =>
  z.string({ message }).min(1, { message }).regex(OBJECT_ID_PATTERN, { message: 'Identifiant invalide.' });

/**
 * The paging fields of every list query (`?page=&pageSize=`), with French messages: one definition
 * for every list of the product.
 */
export function pagingFields({ defaultSize = 20, maxSize = 100 }: { defaultSize?: number; maxSize?: number } = {}) {
  return {
    page: z.coerce
      .number({ message: 'Page invalide.' })
      .int({ message: 'Page invalide.' })
      .min(1, { message: 'Page invalide.' })
      .default(1),
    pageSize: z.coerce
      .number({ message: 'Taille de page invalide.' })
      .int({ message: 'Taille de page invalide.' })
      .min(1, { message: 'Taille de page invalide.' })
      .max(maxSize, { message: `${maxSize} lignes par page au plus.` })
      .default(defaultSize),
  };
}
