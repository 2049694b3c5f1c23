import { generate } from 'selfsigned';
import type { SmtpTlsMaterial } from '../lib/session/listener-options';

let cached: Promise<SmtpTlsMaterial> | null = null;

/** A self-signed certificate for the tests' TLS sessions (made once per test file). */
export function testCertificate(): Promise<SmtpTlsMaterial> {
  cached ??= generate([{ name: 'commonName', value: 'mx.test.example' }], {
    keySize: 2048,
    algorithm: 'sha256',
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
