import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for a person or a branch to hold: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps instead of a secret. A plain sha256 is enough here
 * (no salt, no slow hash): the secrets are 256 random bits, not passwords, and
 * a deterministic hash lets us find the row by it.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
