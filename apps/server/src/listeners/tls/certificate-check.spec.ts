import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCertificate } from './certificate-check';

describe('certificate check', () => {
  let a: { cert: string; private: string };
  let b: { cert: string; private: string };
  beforeAll(async () => {
    [a, b] = await Promise.all([
      generate([{ name: 'commonName', value: 'mail.example.com' }], { keySize: 2048, algorithm: 'sha256' }),
      generate([{ name: 'commonName', value: 'other.example.com' }], { keySize: 2048, algorithm: 'sha256' }),
    ]);
  });

  it('accepts a certificate with its own key and describes it', () => {
    const check = checkCertificate(`${a.cert}\n${b.cert}`, a.private);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.facts.subject).toBe('CN=mail.example.com');
    expect(check.facts.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(check.certificatePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('refuses another certificate’s key, junk and an expired certificate', () => {
    expect(checkCertificate(a.cert, b.private)).toEqual({
      ok: false,
      error: 'the private key does not belong to the certificate',
    });
    expect(checkCertificate('hello', a.private)).toEqual({
      ok: false,
      error: 'certificatePem holds no PEM certificate',
    });
    expect(checkCertificate(a.cert, 'nope')).toMatchObject({ ok: false, error: expect.stringMatching(/private key/) });
    expect(checkCertificate(a.cert, a.private, new Date(Date.now() + 400 * 86_400_000))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expired/),
    });
  });
});
