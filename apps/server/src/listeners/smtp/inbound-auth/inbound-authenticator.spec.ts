import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { dkimSign } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeDns } from './fake-dns';
import { InboundAuthenticator } from './inbound-authenticator';

const facts = {
  ip: '192.0.2.7',
  helo: 'mx.sender.example',
  sender: 'bounces@sender.example',
  serverName: 'mail1.test.example',
};

async function read(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('InboundAuthenticator (SPF, DKIM, DMARC with fixed DNS)', () => {
  const dns = new FakeDns();
  const authenticator = new InboundAuthenticator(dns);
  let signed: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    dns.txt.set('sel._domainkey.sender.example', [
      `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
    ]);
    dns.txt.set('sender.example', ['v=spf1 ip4:192.0.2.0/24 -all']);
    dns.txt.set('_dmarc.sender.example', ['v=DMARC1; p=reject']);
    const message =
      'From: News <news@sender.example>\r\nTo: bob@test.example\r\nSubject: signed\r\nDate: Sat, 28 Nov 2026 12:00:00 +0000\r\n' +
      'Message-ID: <1@sender.example>\r\n\r\nHello Bob.\r\n';
    const key = {
      signingDomain: 'sender.example',
      selector: 'sel',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const { signatures } = await dkimSign(message, { ...key, signatureData: [key] });
    signed = signatures + message;
  });

  it('writes pass results for a signed message from an allowed address, on top of the message', async () => {
    const verified = await authenticator.verify(Readable.from([Buffer.from(signed)]), facts);
    expect(verified.authenticationResults).toMatch(/^mail1\.test\.example; /);
    expect(verified.authenticationResults).toMatch(/dkim=pass .*header\.d=sender\.example/);
    expect(verified.authenticationResults).toMatch(/spf=pass .*smtp\.mailfrom=(bounces@)?sender\.example/);
    expect(verified.authenticationResults).toMatch(/dmarc=pass .*header\.from=sender\.example/);
    const text = await read(verified.message);
    expect(text.startsWith('Authentication-Results: mail1.test.example;')).toBe(true);
    expect(text.endsWith(signed)).toBe(true);
  });

  it('fails SPF, DKIM and DMARC for a tampered message from a foreign address', async () => {
    const tampered = signed.replace('Hello Bob.', 'Send money.');
    const verified = await authenticator.verify(Readable.from([Buffer.from(tampered)]), {
      ...facts,
      ip: '203.0.113.9',
    });
    // mailauth says "neutral (body hash did not verify)" for a body changed after signing.
    expect(verified.authenticationResults).toMatch(/dkim=(fail|neutral)/);
    expect(verified.authenticationResults).toMatch(/spf=fail/);
    expect(verified.authenticationResults).toMatch(/dmarc=fail/);
    expect(await read(verified.message)).toContain('Send money.');
  });

  it('evaluates the SPF ptr mechanism with the reverse name checked forward (RFC 7208 §5.5)', async () => {
    const ptrFacts = { ...facts, sender: 'bounces@ptr.example', ip: '198.51.100.25' };
    const message = 'From: bounces@ptr.example\r\nSubject: ptr\r\n\r\nHi.\r\n';
    const spfOf = async (ip: string) =>
      /spf=(\w+)/.exec(
        (await authenticator.verify(Readable.from([Buffer.from(message)]), { ...ptrFacts, ip })).authenticationResults,
      )?.[1];
    dns.txt.set('ptr.example', ['v=spf1 ptr -all']);
    // The client's reverse name is in the domain and its A record leads back to the client: pass.
    dns.ptr.set('25.100.51.198.in-addr.arpa', ['out1.mail.ptr.example']);
    dns.a.set('out1.mail.ptr.example', ['198.51.100.25']);
    expect(await spfOf('198.51.100.25')).toBe('pass');
    // A reverse name in the domain whose A record points elsewhere is not believed (forged PTR): fail.
    dns.ptr.set('26.100.51.198.in-addr.arpa', ['forged.ptr.example']);
    dns.a.set('forged.ptr.example', ['203.0.113.1']);
    expect(await spfOf('198.51.100.26')).toBe('fail');
    // A reverse name outside the domain, and no reverse name at all: fail.
    dns.ptr.set('27.100.51.198.in-addr.arpa', ['host.elsewhere.example']);
    dns.a.set('host.elsewhere.example', ['198.51.100.27']);
    expect(await spfOf('198.51.100.27')).toBe('fail');
    expect(await spfOf('198.51.100.28')).toBe('fail');
  });

  it('checks only SPF past the size cap, streams the rest, and says so', async () => {
    const chunks = [Buffer.from(signed), ...Array.from({ length: 20 }, () => Buffer.alloc(1000, 0x61))];
    const verified = await authenticator.verify(Readable.from(chunks), facts, 5000);
    expect(verified.authenticationResults).toMatch(
      /\(DKIM and DMARC not checked: the message is larger than 5000 bytes\); spf=pass/,
    );
    const text = await read(verified.message);
    expect(text).toContain(`\r\n${signed}${'a'.repeat(20_000)}`);
    expect(text.endsWith('a'.repeat(20_000))).toBe(true);
  });

  it('keeps a big message out of memory: spooled to a file past 256 KiB and read back whole', async () => {
    const big = [
      Buffer.from('Subject: big\r\n\r\n'),
      ...Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 0x62)),
    ];
    const verified = await authenticator.verify(Readable.from(big), facts);
    expect(verified.authenticationResults).toMatch(/dkim=none/);
    const text = await read(verified.message);
    expect(text.endsWith('b'.repeat(1000))).toBe(true);
    expect(text.length).toBeGreaterThan(40 * 64 * 1024);
  });

  it('verifies a signature whose header arrives in small pieces (the header is found across chunks)', async () => {
    const bytes = Buffer.from(signed);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const verified = await authenticator.verify(Readable.from(pieces), facts);
    expect(verified.authenticationResults).toMatch(/dkim=pass .*header\.d=sender\.example/);
    expect(verified.authenticationResults).toMatch(/dmarc=pass/);
    expect(await read(verified.message)).toContain(signed);
  });

  it('gives an unsigned message the same verdict from its header alone, and passes the message on whole', async () => {
    const unsigned = signed.replace(/^DKIM-Signature:(?:[^\r]|\r\n[ \t])*\r\n/i, '');
    expect(unsigned).not.toMatch(/DKIM-Signature/i);
    const body = Array.from({ length: 200 }, (_, i) => `line ${i} of a body the verifier need not read\r\n`).join('');
    const verified = await authenticator.verify(
      Readable.from([Buffer.from(unsigned.slice(0, 30)), Buffer.from(unsigned.slice(30) + body)]),
      facts,
    );
    expect(verified.authenticationResults).toMatch(/dkim=none/);
    expect(verified.authenticationResults).toMatch(/spf=pass/);
    // SPF passes for the From domain (relaxed alignment): DMARC passes without a signature.
    expect(verified.authenticationResults).toMatch(/dmarc=pass .*header\.from=sender\.example/);
    expect((await read(verified.message)).endsWith(unsigned + body)).toBe(true);
  });
});
