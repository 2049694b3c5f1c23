import { describe, expect, it } from 'vitest';
import type { DnsResolver } from './dns-resolver';
import { DnsFailure, mxTargets } from './mx-hosts';

function dnsError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

function fakeDns(zone: {
  mx?: Record<string, Array<{ exchange: string; priority: number }> | string>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
}): DnsResolver {
  const answer = <T>(table: Record<string, T | string> | undefined, name: string): Promise<T> => {
    const value = table?.[name];
    if (value === undefined) return Promise.reject(dnsError('ENOTFOUND'));
    if (typeof value === 'string') return Promise.reject(dnsError(value));
    return Promise.resolve(value);
  };
  return {
    resolveMx: (d) => answer(zone.mx, d),
    resolve4: (h) => answer(zone.a, h).catch(() => Promise.reject(dnsError('ENODATA'))),
    resolve6: (h) => answer(zone.aaaa, h).catch(() => Promise.reject(dnsError('ENODATA'))),
    resolveTxt: () => Promise.resolve([]),
    resolvePtr: () => Promise.resolve([]),
    lookupHost: () => Promise.resolve([]),
  };
}

describe('MX resolution', () => {
  it('orders hosts by preference, A before AAAA', async () => {
    const dns = fakeDns({
      mx: {
        'example.com': [
          { exchange: 'mx2.example.com', priority: 20 },
          { exchange: 'mx1.example.com.', priority: 10 },
        ],
      },
      a: { 'mx1.example.com': ['192.0.2.1'], 'mx2.example.com': ['192.0.2.2'] },
      aaaa: { 'mx1.example.com': ['2001:db8::1'] },
    });
    expect(await mxTargets(dns, 'example.com', 25)).toEqual([
      { host: 'mx1.example.com', address: '192.0.2.1', port: 25 },
      { host: 'mx1.example.com', address: '2001:db8::1', port: 25 },
      { host: 'mx2.example.com', address: '192.0.2.2', port: 25 },
    ]);
  });

  it('falls back to the domain itself without MX records (implicit MX)', async () => {
    const dns = fakeDns({ mx: { 'example.net': 'ENODATA' }, aaaa: { 'example.net': ['2001:db8::25'] } });
    expect(await mxTargets(dns, 'example.net', 2525)).toEqual([
      { host: 'example.net', address: '2001:db8::25', port: 2525 },
    ]);
  });

  it('skips MX hosts without addresses', async () => {
    const dns = fakeDns({
      mx: {
        'example.org': [
          { exchange: 'gone.example.org', priority: 5 },
          { exchange: 'mx.example.org', priority: 10 },
        ],
      },
      a: { 'mx.example.org': ['192.0.2.9'] },
    });
    expect((await mxTargets(dns, 'example.org', 25)).map((t) => t.host)).toEqual(['mx.example.org']);
  });

  it('fails permanently for a missing domain or a null MX, temporarily otherwise', async () => {
    await expect(mxTargets(fakeDns({}), 'nowhere.example', 25)).rejects.toMatchObject({
      permanent: true,
      status: '5.1.2',
    });
    const nullMx = fakeDns({ mx: { 'nomail.example': [{ exchange: '', priority: 0 }] } });
    await expect(mxTargets(nullMx, 'nomail.example', 25)).rejects.toMatchObject({ permanent: true, status: '5.1.10' });
    const servfail = fakeDns({ mx: { 'flaky.example': 'ESERVFAIL' } });
    const error = await mxTargets(servfail, 'flaky.example', 25).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DnsFailure);
    expect(error).toMatchObject({ permanent: false, status: '4.4.3' });
  });

  it('shuffles equal preferences', async () => {
    const dns = fakeDns({
      mx: {
        'lb.example': [
          { exchange: 'a.lb.example', priority: 10 },
          { exchange: 'b.lb.example', priority: 10 },
        ],
      },
      a: { 'a.lb.example': ['192.0.2.1'], 'b.lb.example': ['192.0.2.2'] },
    });
    const seq = [0.9, 0.1];
    const first = await mxTargets(dns, 'lb.example', 25, () => seq.shift() ?? 0);
    expect(first.map((t) => t.host)).toEqual(['b.lb.example', 'a.lb.example']);
  });
});
