import { generate } from 'selfsigned';
import type { Pop3TlsMaterial } from '../lib/server/pop3-server-options';

let cached: Promise<Pop3TlsMaterial> | null = null;

/** A self-signed certificate for the tests' TLS sessions (made once per test file). */
export function testCertificate(): Promise<Pop3TlsMaterial> {
  cached ??= generate([{ name: 'commonName', value: 'mx.test.example' }], {
    keySize: 2048,
    algorithm: 'sha256',
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
