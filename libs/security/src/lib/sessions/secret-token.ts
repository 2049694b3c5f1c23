import { createHash, randomBytes } from 'node:crypto';

/** A random secret for cookies and bearer tokens; only its SHA-256 is stored. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
