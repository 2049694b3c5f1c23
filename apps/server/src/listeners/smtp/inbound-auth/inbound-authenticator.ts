import { Inject, Injectable, Optional } from '@nestjs/common';
import { once } from 'node:events';
import { isIP } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { authenticate, spf, type DNSResolver, type SPFOptions } from 'mailauth';
import { DNS_RESOLVER, SystemDnsResolver, type DnsResolver } from '@estafette/transport';
import { mailauthResolver } from './mailauth-resolver';
import { MessageSpool } from './message-spool';
import { SignatureGate } from './signature-gate';

/** Messages up to this size are checked in full (DKIM body hash, DMARC); larger ones get SPF only. */
export const VERIFY_LIMIT_BYTES = 25 * 1024 * 1024;
/** The part of a message held in memory while it is checked; beyond it the spool is a temporary file. */
const SPOOL_MEMORY_BYTES = 256 * 1024;
/** Once the message is in, the verdict may take this long (slow DNS); then the message goes on without it. */
export const VERDICT_WAIT_MS = 15_000;

export interface InboundFacts {
  /** The client's address. */
  ip: string;
  helo: string | null;
  /** MAIL FROM, null for the null reverse-path. */
  sender: string | null;
  /** This server's name: the authserv-id (RFC 8601 §2.5). */
  serverName: string;
}

export interface VerifiedMessage {
  /** The Authentication-Results value (without the field name), unfolded. */
  authenticationResults: string;
  /** The message with the Authentication-Results field on top. */
  message: Readable;
}

function plainIp(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** The Authentication-Results field mailauth wrote, as a value (text after the colon, folding kept). */
function resultsValue(headers: string): string | null {
  const match = /(?:^|\r\n)Authentication-Results:[ \t]*((?:[^\r\n]|\r\n[ \t])*)/i.exec(headers);
  return match ? match[1] : null;
}

const unfold = (value: string) => value.replace(/\r\n[ \t]+/g, ' ');

/**
 * SPF (RFC 7208), DKIM (RFC 6376) and DMARC (RFC 7489) for mail arriving on port 25, with mailauth,
 * written as an Authentication-Results field (RFC 8601) on top of the message. The message is
 * checked while it arrives and held only until the verdict is known (in memory up to 256 KiB, then
 * in a temporary file), so that the field can precede it: memory stays flat. A message larger than
 * VERIFY_LIMIT_BYTES is not checked for DKIM and DMARC (a comment says so) and streams on from there.
 * DNS goes through DNS_RESOLVER.
 */
@Injectable()
export class InboundAuthenticator {
  private readonly dns: DnsResolver;

  constructor(@Optional() @Inject(DNS_RESOLVER) dns?: DnsResolver) {
    this.dns = dns ?? new SystemDnsResolver();
  }

  async verify(data: Readable, facts: InboundFacts, limitBytes = VERIFY_LIMIT_BYTES): Promise<VerifiedMessage> {
    // mailauth's typings say string arrays; MX answers are objects, as node:dns gives them.
    const resolver = mailauthResolver(this.dns) as DNSResolver;
    const options: SPFOptions & { disableBimi: boolean } = {
      ip: plainIp(facts.ip),
      helo: facts.helo ?? undefined,
      sender: facts.sender ?? '',
      mta: facts.serverName,
      resolver,
      disableBimi: true,
    };
    const input = new PassThrough();
    const verdict = authenticate(input, options).then(
      (result) => resultsValue(result.headers),
      () => null,
    );
    let verdictDone = false;
    void verdict.then(() => (verdictDone = true));
    const spool = new MessageSpool(SPOOL_MEMORY_BYTES);
    const gate = new SignatureGate();
    const source = data[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        const chunk = next.value as Buffer;
        await spool.write(chunk);
        if (spool.bytes > limitBytes) {
          if (!input.writableEnded) input.end();
          await verdict;
          const value = await this.spfOnly(facts, options, limitBytes);
          return this.withField(value, spool, source);
        }
        if (input.writableEnded) continue;
        const { feed, end } = gate.take(chunk);
        // mailauth reads as fast as it hashes; if it stopped (an error), nothing is waited for.
        if (feed && !input.write(feed) && !verdictDone) await Promise.race([once(input, 'drain'), verdict]);
        if (end) input.end();
      }
      if (!input.writableEnded) input.end(gate.finish() ?? undefined);
      await spool.finish();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), VERDICT_WAIT_MS)));
      const value =
        (await Promise.race([verdict, late]).finally(() => clearTimeout(timer))) ??
        `${facts.serverName}; none (the message could not be checked in time)`;
      return this.withField(value, spool, null);
    } catch (error) {
      input.destroy();
      await spool.dispose();
      throw error;
    }
  }

  private async spfOnly(facts: InboundFacts, options: SPFOptions, limitBytes: number): Promise<string> {
    const comment = `(DKIM and DMARC not checked: the message is larger than ${limitBytes} bytes)`;
    try {
      const result = await spf(options);
      return `${facts.serverName} ${comment};\r\n ${result.info}`;
    } catch {
      return `${facts.serverName} ${comment};\r\n spf=temperror`;
    }
  }

  private withField(value: string, spool: MessageSpool, tail: AsyncIterator<unknown> | null): VerifiedMessage {
    const field = Buffer.from(`Authentication-Results: ${value}\r\n`, 'utf8');
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        yield field;
        await spool.finish();
        for await (const chunk of spool.open()) yield chunk as Buffer;
        if (tail) {
          for (;;) {
            const next = await tail.next();
            if (next.done) break;
            yield next.value as Buffer;
          }
        }
      } finally {
        await spool.dispose();
      }
    }
    return { authenticationResults: unfold(value), message: Readable.from(chunks()) };
  }
}
