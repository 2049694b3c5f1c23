import { generate } from 'selfsigned';
import type { ImapTlsMaterial } from '../lib/server/imap-server-options';

let cached: Promise<ImapTlsMaterial> | null = null;

/** A self-signed certificate for the tests' TLS sessions (made once per test file). */
export function testCertificate(): Promise<ImapTlsMaterial> {
  cached ??= generate([{ name: 'commonName', value: 'imap.test.example' }], {
    keySize: 2048,
    algorithm: 'sha256',
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
