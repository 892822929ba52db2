/**
 * Secrets of the connectors (API keys, webhook secrets, OAuth tokens), encrypted at rest with
 * AES-256-GCM (node:crypto). A ciphertext carries the id of the key that made it:
 *
 *   v1.<key id>.<iv>.<auth tag>.<ciphertext>      (base64url parts; key id = 8 hex of SHA-256(key))
 *
 * The key id is also the additional authenticated data, so a ciphertext cannot be moved to another
 * key id. Rotation: the new key in SECRETS_KEY, the old one in SECRETS_KEY_PREVIOUS. Secrets made with
 * the previous key still decrypt (`stale: true`) and are re-encrypted with the new key when read
 * (connectors/store.ts) or by `npm run secrets:reencrypt -w api`; then SECRETS_KEY_PREVIOUS can go.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DEV_SECRETS_KEY } from '../config.js';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';

interface Key {
  id: string;
  key: Buffer;
}

/** A ciphertext that cannot be read: tampered with, unknown key, or not ours. */
export class SecretError extends Error {
  override name = 'SecretError';
}

export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

function toKey(base64: string): Key {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new SecretError('SECRETS_KEY must be 32 bytes in base64');
  return { id: keyIdOf(key), key };
}

let current: Key = toKey(DEV_SECRETS_KEY);
let previous: Key | undefined;

/** Sets the keys (config: SECRETS_KEY, SECRETS_KEY_PREVIOUS); called when the app is built. */
export function configureSecrets(keys: { current: string; previous?: string }): void {
  current = toKey(keys.current);
  previous = keys.previous ? toKey(keys.previous) : undefined;
}

/** Id of the key new secrets are encrypted with. */
export const currentKeyId = (): string => current.id;

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, current.key, iv);
  cipher.setAAD(Buffer.from(current.id));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, current.id, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

/** The key id a ciphertext was made with, or undefined when it is not one of ours. */
export function keyIdOfSecret(blob: string): string | undefined {
  const parts = blob.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/** Decrypts; `stale` when the previous key was used (re-encrypt it). Throws SecretError when it cannot. */
export function decryptSecret(blob: string): { value: string; stale: boolean } {
  const parts = blob.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretError('not an encrypted secret');
  const [, kid, iv, tag, ct] = parts as [string, string, string, string, string];
  const key = kid === current.id ? current : kid === previous?.id ? previous : undefined;
  if (!key) throw new SecretError(`secret encrypted with an unknown key (${kid})`);
  const authTag = Buffer.from(tag, 'base64url');
  if (authTag.length !== 16) throw new SecretError('secret tampered with or wrong key');
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(authTag);
    const value = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    return { value, stale: key !== current };
  } catch {
    throw new SecretError('secret tampered with or wrong key');
  }
}
