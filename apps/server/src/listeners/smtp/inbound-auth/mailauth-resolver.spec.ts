import { describe, expect, it } from 'vitest';
import { FakeDns } from './fake-dns';
import { mailauthResolver } from './mailauth-resolver';

describe('mailauth resolver over DNS_RESOLVER', () => {
  it('answers TXT, A and PTR from the injected resolver, ENODATA for types it does not look up', async () => {
    const dns = new FakeDns();
    dns.txt.set('example.com', ['v=spf1 -all']);
    dns.a.set('mx.example.com', ['192.0.2.1']);
    dns.ptr.set('1.2.0.192.in-addr.arpa', ['mx.example.com']);
    const resolve = mailauthResolver(dns);
    expect(await resolve('example.com', 'TXT')).toEqual([['v=spf1 -all']]);
    expect(await resolve('mx.example.com', 'A')).toEqual(['192.0.2.1']);
    expect(await resolve('1.2.0.192.in-addr.arpa', 'PTR')).toEqual(['mx.example.com']);
    await expect(resolve('nowhere.example', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('2.2.0.192.in-addr.arpa', 'PTR')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('example.com', 'SRV')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('gives up on a look-up that does not answer (temporary error)', async () => {
    const dns = new FakeDns();
    dns.resolveTxt = () => new Promise(() => undefined);
    await expect(mailauthResolver(dns, 50)('slow.example', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
  });
});
