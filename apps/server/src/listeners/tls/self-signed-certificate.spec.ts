import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './self-signed-certificate';

describe('self-signed certificate at first start', () => {
  let parent: string;
  afterAll(async () => rm(parent, { recursive: true, force: true }));

  it('is made for the server name with a private key only the owner reads, and reused afterwards', async () => {
    parent = await mkdtemp(join(tmpdir(), 'estafette-tls-test-'));
    const dir = join(parent, 'tls');
    const first = await selfSignedCertificate(dir, 'mail1.test.example');
    const certificate = new X509Certificate(first.certificatePem);
    expect(certificate.subject).toBe('CN=mail1.test.example');
    expect(certificate.subjectAltName).toBe('DNS:mail1.test.example');
    expect(
      certificate.checkPrivateKey(await import('node:crypto').then((c) => c.createPrivateKey(first.privateKeyPem))),
    ).toBe(true);
    expect((await stat(join(dir, 'server.key'))).mode & 0o777).toBe(0o600);
    const again = await selfSignedCertificate(dir, 'mail1.test.example');
    expect(again).toEqual(first);
  });
});
