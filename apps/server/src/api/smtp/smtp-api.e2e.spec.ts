import { createPublicKey, X509Certificate } from 'node:crypto';
import { Readable } from 'node:stream';
import { connect } from 'node:tls';
import { dkimVerify } from 'mailauth';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDto } from '@estafette/contracts';
import { DkimSigner, type DkimKeyDto } from '@estafette/directory';
import type { ServerCertificateDto } from '../../listeners/tls/certificate.model';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { eventually } from '../../listeners/smtp/testing/smtp-fixtures';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** The SHA-256 fingerprint of the certificate a TLS listener presents. */
function presented(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.destroy();
      resolve(fingerprint);
    });
    socket.once('error', reject);
  });
}

async function read(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('SMTP administration API: certificates and DKIM keys', () => {
  let server: TestServer;
  let admin: ApiClient;
  let mail1: ServerDto;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
  });
  afterAll(async () => server?.close());

  describe('PUT /api/servers/:id/certificate', () => {
    it('shows the self-signed certificate the server made, which the listeners present', async () => {
      const res = await admin.get<ServerCertificateDto>(`/api/servers/${mail1.id}/certificate`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        serverId: mail1.id,
        source: 'self-signed',
        subject: 'CN=mail1.test.example',
        dnsNames: ['mail1.test.example'],
      });
      expect(await presented(server.ports['smtps'])).toBe(res.body.fingerprintSha256);
    });

    it('checks what it is given: a certificate, its own key, not expired', async () => {
      const [a, b] = await Promise.all([
        generate([{ name: 'commonName', value: 'mail1.test.example' }], { keySize: 2048, algorithm: 'sha256' }),
        generate([{ name: 'commonName', value: 'mail1.test.example' }], { keySize: 2048, algorithm: 'sha256' }),
      ]);
      const url = `/api/servers/${mail1.id}/certificate`;
      const mismatch = await admin.put<{ message: string }>(url, { certificatePem: a.cert, privateKeyPem: b.private });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.message).toBe('the private key does not belong to the certificate');
      expect((await admin.put(url, { certificatePem: 'junk', privateKeyPem: a.private })).status).toBe(400);
      expect((await admin.put(url, { certificatePem: a.cert })).status).toBe(400);
      expect(
        (await admin.put(`/api/servers/${UNKNOWN}/certificate`, { certificatePem: a.cert, privateKeyPem: a.private }))
          .status,
      ).toBe(404);
    });

    it('installs a new certificate: the listeners reload it; removing it brings the self-signed one back', async () => {
      const selfSigned = (await admin.get<ServerCertificateDto>(`/api/servers/${mail1.id}/certificate`)).body;
      const pems = await generate([{ name: 'commonName', value: 'smtp.test.example' }], {
        keySize: 2048,
        algorithm: 'sha256',
      });
      const res = await admin.put<ServerCertificateDto>(`/api/servers/${mail1.id}/certificate`, {
        certificatePem: pems.cert,
        privateKeyPem: pems.private,
      });
      expect(res.status).toBe(200);
      const fingerprint = new X509Certificate(pems.cert).fingerprint256;
      expect(res.body).toMatchObject({
        source: 'administrator',
        subject: 'CN=smtp.test.example',
        fingerprintSha256: fingerprint,
      });
      await eventually(async () => expect(await presented(server.ports['smtps'])).toBe(fingerprint));

      const audit = await admin.get<Array<{ action: string; after: unknown }>>(
        `/api/audit?objectType=server&objectId=${mail1.id}`,
      );
      const entry = audit.body.find((e) => e.action === 'install-certificate');
      expect(entry).toBeDefined();
      expect(JSON.stringify(audit.body)).not.toContain('PRIVATE KEY');

      expect((await admin.delete(`/api/servers/${mail1.id}/certificate`)).status).toBe(204);
      expect((await admin.delete(`/api/servers/${mail1.id}/certificate`)).status).toBe(404);
      await eventually(async () => expect(await presented(server.ports['smtps'])).toBe(selfSigned.fingerprintSha256));
    });
  });

  describe('/api/dkim-keys', () => {
    let first: DkimKeyDto;

    it('generates a key for an authoritative domain and gives the TXT record to publish', async () => {
      const res = await admin.post<DkimKeyDto>('/api/dkim-keys', { domain: 'Test.Example', selector: 'Est2026' });
      expect(res.status).toBe(201);
      first = res.body;
      expect(first).toMatchObject({
        domain: 'test.example',
        selector: 'est2026',
        algorithm: 'rsa-sha256',
        active: true,
        dnsName: 'est2026._domainkey.test.example',
      });
      expect(first.dnsRecord).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+$/);
      const key = createPublicKey({
        key: Buffer.from(first.dnsRecord.split('p=')[1], 'base64'),
        format: 'der',
        type: 'spki',
      });
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(JSON.stringify(res.body)).not.toContain('PRIVATE');
    });

    it('refuses foreign domains, bad selectors and a selector used twice', async () => {
      const foreign = await admin.post<{ message: string }>('/api/dkim-keys', {
        domain: 'elsewhere.example',
        selector: 's1',
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toMatch(/not an authoritative domain/);
      expect((await admin.post('/api/dkim-keys', { domain: 'test.example', selector: 'bad_selector!' })).status).toBe(
        400,
      );
      expect((await admin.post('/api/dkim-keys', { domain: 'test.example' })).status).toBe(400);
      expect((await admin.post('/api/dkim-keys', { domain: 'test.example', selector: 'est2026' })).status).toBe(409);
    });

    it('rotates: a new key becomes the active one, the old one stays listed', async () => {
      const second = (await admin.post<DkimKeyDto>('/api/dkim-keys', { domain: 'test.example', selector: 'est2027' }))
        .body;
      const list = (await admin.get<DkimKeyDto[]>('/api/dkim-keys')).body;
      expect(list.map((k) => [k.selector, k.active])).toEqual([
        ['est2027', true],
        ['est2026', false],
      ]);
      expect(second.active).toBe(true);
    });

    it('signs outbound mail with the active key (DkimSigner), verifiable with the published record', async () => {
      const list = (await admin.get<DkimKeyDto[]>('/api/dkim-keys')).body;
      const records = new Map(list.map((k) => [k.dnsName, k.dnsRecord]));
      const resolver = async (name: string, type: string) => {
        const record = type === 'TXT' ? records.get(name) : undefined;
        if (!record) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
        return [[record]];
      };
      const message = 'From: Alice <alice@test.example>\r\nTo: x@far.example\r\nSubject: signed\r\n\r\nHello.\r\n';
      const signer = server.app.get(DkimSigner);

      const twice = await read(await signer.sign(() => Readable.from([Buffer.from(message)]), 'test.example'));
      expect(twice).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=test\.example;[^]*? s=est2027;/);
      expect(twice.endsWith(message)).toBe(true);
      const verified = await dkimVerify(Buffer.from(twice), { resolver });
      expect(verified.results[0].status.result).toBe('pass');

      const once = await read(await signer.sign(Readable.from([Buffer.from(message)]), 'sub.test.example'));
      expect((await dkimVerify(Buffer.from(once), { resolver })).results[0].status.result).toBe('pass');

      const unsigned = await read(await signer.sign(Readable.from([Buffer.from(message)]), 'elsewhere.example'));
      expect(unsigned).toBe(message);
    });

    it('deletes a key', async () => {
      expect((await admin.delete(`/api/dkim-keys/${first.id}`)).status).toBe(204);
      expect((await admin.delete(`/api/dkim-keys/${first.id}`)).status).toBe(404);
      expect((await admin.get<DkimKeyDto[]>('/api/dkim-keys')).body.map((k) => k.selector)).toEqual(['est2027']);
    });
  });
});
