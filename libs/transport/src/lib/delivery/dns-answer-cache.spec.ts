import { describe, expect, it } from 'vitest';
import { DnsAnswerCache } from './dns-answer-cache';

function dnsError(code: string): Error {
  return Object.assign(new Error(`query ${code}`), { code });
}

describe('DnsAnswerCache', () => {
  const options = { positiveMs: 60_000, negativeMs: 30_000, maxEntries: 3 };

  it('answers a name again from the cache until the answer expires', async () => {
    let now = 0;
    let queries = 0;
    const cache = new DnsAnswerCache(options, () => now);
    const lookup = async () => [['v=spf1 -all'], [String(++queries)]];
    expect(await cache.get('TXT a.example', lookup)).toEqual([['v=spf1 -all'], ['1']]);
    now = 59_999;
    expect(await cache.get('TXT a.example', lookup)).toEqual([['v=spf1 -all'], ['1']]);
    now = 60_000;
    expect(await cache.get('TXT a.example', lookup)).toEqual([['v=spf1 -all'], ['2']]);
  });

  it('keeps "no such name" for the negative time, never a temporary failure', async () => {
    let now = 0;
    let queries = 0;
    const cache = new DnsAnswerCache(options, () => now);
    const missing = async () => {
      queries++;
      throw dnsError('ENOTFOUND');
    };
    await expect(cache.get('TXT _dmarc.none.example', missing)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(cache.get('TXT _dmarc.none.example', missing)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(queries).toBe(1);
    now = 30_000;
    await expect(cache.get('TXT _dmarc.none.example', missing)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(queries).toBe(2);

    let failures = 0;
    const flaky = async () => {
      failures++;
      throw dnsError('ETIMEOUT');
    };
    await expect(cache.get('MX slow.example', flaky)).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(cache.get('MX slow.example', flaky)).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(failures).toBe(2);
  });

  it('sends one query for concurrent asks of one name, and gives each caller its own copy', async () => {
    let queries = 0;
    let answer!: (records: Array<{ exchange: string; priority: number }>) => void;
    const cache = new DnsAnswerCache(options);
    const lookup = () => {
      queries++;
      return new Promise<Array<{ exchange: string; priority: number }>>((resolve) => (answer = resolve));
    };
    const asks = Array.from({ length: 50 }, () => cache.get('MX b.example', lookup));
    answer([
      { exchange: 'mx2.b.example', priority: 20 },
      { exchange: 'mx1.b.example', priority: 10 },
    ]);
    const answers = await Promise.all(asks);
    expect(queries).toBe(1);
    answers[0].sort((x, y) => x.priority - y.priority);
    expect(answers[1][0].exchange).toBe('mx2.b.example');
    expect((await cache.get('MX b.example', lookup))[0].exchange).toBe('mx2.b.example');
  });

  it('drops the oldest answer beyond its size', async () => {
    let queries = 0;
    const cache = new DnsAnswerCache(options);
    const lookup = async () => ++queries;
    for (const name of ['a', 'b', 'c', 'd']) await cache.get(name, lookup);
    expect(cache.size).toBe(3);
    await cache.get('a', lookup);
    expect(queries).toBe(5);
    await cache.get('d', lookup);
    expect(queries).toBe(5);
  });
});
