import { describe, expect, it } from 'vitest';
import { addressLiteral, receivedHeader } from './received-header';

const facts = {
  heloName: 'client.example',
  clientHostname: '[192.0.2.7]',
  clientAddress: '192.0.2.7',
  serverName: 'mail1.test.example',
  productName: 'Estafette',
  withProtocol: 'ESMTPS',
  id: 'abc123.1',
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
  recipients: ['bob@test.example'],
  date: new Date('2026-11-28T22:17:10Z'),
};

describe('Received (RFC 5321 §4.4)', () => {
  it('writes from, by, with, id, the TLS comment, for and the date', () => {
    expect(receivedHeader(facts)).toBe(
      'Received: from client.example ([192.0.2.7])\r\n' +
        '\tby mail1.test.example (Estafette) with ESMTPS id abc123.1\r\n' +
        '\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384)\r\n' +
        '\tfor <bob@test.example>;\r\n' +
        '\tSat, 28 Nov 2026 22:17:10 +0000',
    );
  });

  it('names no recipient when there are several, and shows a reverse name next to the literal', () => {
    const text = receivedHeader({ ...facts, tls: null, recipients: ['a@x', 'b@x'], clientHostname: 'c.example' });
    expect(text).toBe(
      'Received: from client.example (c.example [192.0.2.7])\r\n' +
        '\tby mail1.test.example (Estafette) with ESMTPS id abc123.1;\r\n' +
        '\tSat, 28 Nov 2026 22:17:10 +0000',
    );
  });

  it('keeps a hostile HELO name from breaking the field', () => {
    const text = receivedHeader({ ...facts, heloName: 'evil)\r\nX-Injected: 1' });
    expect(text.split('\r\n')).toHaveLength(5);
    expect(text).not.toContain('\r\nX-Injected');
  });

  it('writes address literals (RFC 5321 §4.1.3), IPv4-mapped IPv6 as IPv4', () => {
    expect(addressLiteral('2001:db8::1')).toBe('[IPv6:2001:db8::1]');
    expect(addressLiteral('::ffff:192.0.2.1')).toBe('[192.0.2.1]');
    expect(addressLiteral('192.0.2.1')).toBe('[192.0.2.1]');
  });
});
