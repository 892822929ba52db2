/** Connector secrets: AES-256-GCM round trip, tamper detection, key rotation. */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_SECRETS_KEY } from '../../src/config.js';
import {
  configureSecrets,
  currentKeyId,
  decryptSecret,
  encryptSecret,
  keyIdOfSecret,
  SecretError,
} from '../../src/connectors/secrets.js';

const newKey = () => randomBytes(32).toString('base64');

afterEach(() => configureSecrets({ current: DEV_SECRETS_KEY }));

describe('connector secrets', () => {
  it('round-trips, with a fresh IV each time and the key id in the ciphertext', () => {
    configureSecrets({ current: newKey() });
    const a = encryptSecret('sk_live_abcdefgh1234');
    const b = encryptSecret('sk_live_abcdefgh1234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('abcdefgh');
    expect(keyIdOfSecret(a)).toBe(currentKeyId());
    expect(decryptSecret(a)).toEqual({ value: 'sk_live_abcdefgh1234', stale: false });
    expect(decryptSecret(encryptSecret('é€🙂')).value).toBe('é€🙂');
  });

  it('detects a tampered ciphertext, tag or key id', () => {
    const blob = encryptSecret('pappers-key-4321');
    const [v, kid, iv, tag, ct] = blob.split('.') as [string, string, string, string, string];
    const flip = (s: string) => {
      const buf = Buffer.from(s, 'base64url');
      buf[0] = buf[0]! ^ 1;
      return buf.toString('base64url');
    };
    expect(() => decryptSecret([v, kid, iv, tag, flip(ct)].join('.'))).toThrow(SecretError);
    expect(() => decryptSecret([v, kid, iv, flip(tag), ct].join('.'))).toThrow(SecretError);
    expect(() => decryptSecret([v, kid, flip(iv), tag, ct].join('.'))).toThrow(SecretError);
    expect(() => decryptSecret([v, kid, iv, tag.slice(0, 4), ct].join('.'))).toThrow(SecretError);
    expect(() => decryptSecret([v, 'deadbeef', iv, tag, ct].join('.'))).toThrow(/unknown key/);
    expect(() => decryptSecret('pappers-key-in-clear')).toThrow(SecretError);
  });

  it('still decrypts with the previous key after a rotation, and says it is stale', () => {
    const oldKey = newKey();
    configureSecrets({ current: oldKey });
    const blob = encryptSecret('webhook-token-5678');
    const oldId = currentKeyId();

    configureSecrets({ current: newKey(), previous: oldKey });
    expect(currentKeyId()).not.toBe(oldId);
    expect(decryptSecret(blob)).toEqual({ value: 'webhook-token-5678', stale: true });
    const again = encryptSecret('webhook-token-5678');
    expect(keyIdOfSecret(again)).toBe(currentKeyId());
    expect(decryptSecret(again).stale).toBe(false);

    // Once the previous key is gone, an old ciphertext no longer decrypts.
    configureSecrets({ current: newKey() });
    expect(() => decryptSecret(blob)).toThrow(SecretError);
  });
});
