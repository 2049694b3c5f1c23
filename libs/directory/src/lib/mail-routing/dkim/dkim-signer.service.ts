import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dkimSign } from 'mailauth';
import { normaliseDomain } from '@estafette/mime';
import type { DkimKeyEntity } from './dkim-key.entity';
import { DkimKeyRepository } from './dkim-key.repository';

/** A message source that can be read twice (a blob store read), or a one-shot stream. */
export type MessageSource = Readable | (() => Readable);

/** The domain and its parents, most specific first, down to two labels ("a.b.example.com" -> … "example.com"). */
function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * Outbound DKIM signing (RFC 6376, relaxed/relaxed, rsa-sha256) with the active key of the author's
 * domain, or of its closest parent domain that has one (still aligned for DMARC's relaxed mode).
 * The signature header must precede the message, so the body is read twice and never held in memory:
 * give a function that opens the message (a blob) to read it twice; a one-shot stream is spooled to
 * a temporary file first.
 */
@Injectable()
export class DkimSigner {
  constructor(private readonly keys: DkimKeyRepository) {}

  /** The signing key for mail whose From header is in `fromDomain`, or null (such mail goes unsigned). */
  async keyFor(fromDomain: string): Promise<DkimKeyEntity | null> {
    const domain = normaliseDomain(fromDomain.trim())?.toLowerCase();
    if (!domain) return null;
    const candidates = domainAndParents(domain);
    const found = await this.keys.findActiveForDomains(candidates);
    for (const candidate of candidates) {
      const key = found.find((k) => k.domain === candidate);
      if (key) return key;
    }
    return null;
  }

  /** The DKIM-Signature header field, CRLF-terminated, or null when the domain has no key. */
  async signatureFor(message: Readable | Buffer, fromDomain: string): Promise<string | null> {
    const key = await this.keyFor(fromDomain);
    if (!key) {
      if (message instanceof Readable) message.resume();
      return null;
    }
    return this.signWith(key, message);
  }

  /** The message with a DKIM-Signature header prepended; unchanged (re-opened) when the domain has no key. */
  async sign(source: MessageSource, fromDomain: string): Promise<Readable> {
    const key = await this.keyFor(fromDomain);
    if (typeof source === 'function') {
      if (!key) return source();
      const header = await this.signWith(key, source());
      return prepend(header, source);
    }
    if (!key) return source;
    const dir = await mkdtemp(join(tmpdir(), 'estafette-dkim-'));
    const file = join(dir, 'message');
    try {
      await pipeline(source, createWriteStream(file, { mode: 0o600 }));
      const header = await this.signWith(key, createReadStream(file));
      return prepend(
        header,
        () => createReadStream(file),
        () => rm(dir, { recursive: true, force: true }),
      );
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private async signWith(key: DkimKeyEntity, message: Readable | Buffer): Promise<string> {
    const signature = {
      signingDomain: key.domain,
      selector: key.selector,
      privateKey: key.privateKeyPem,
      algorithm: 'rsa-sha256',
      canonicalization: 'relaxed/relaxed',
    };
    // mailauth signs with the entries of signatureData; the top-level fields only set defaults.
    const result = await dkimSign(message, { ...signature, signatureData: [signature] });
    const failure = result.errors[0] as { err?: unknown } | undefined;
    if (failure || !result.signatures.startsWith('DKIM-Signature:'))
      throw new Error(`DKIM signing for ${key.domain} failed: ${String(failure?.err ?? 'no signature was made')}`);
    return result.signatures;
  }
}

function prepend(header: string, open: () => Readable, cleanup?: () => Promise<void>): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield Buffer.from(header, 'utf8');
      for await (const chunk of open()) yield chunk as Buffer;
    } finally {
      await cleanup?.();
    }
  }
  return Readable.from(chunks());
}
