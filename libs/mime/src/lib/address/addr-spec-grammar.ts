import { MAX_ADDRESS_OCTETS, utf8Length } from './address-limits';
import { AddressSyntaxError } from './address-syntax-error';
import type { Token } from './address-tokenizer';
import { isAscii } from './char-class';
import { resolveAddressLiteral, resolveDomainName, type DomainResult, type ResolvedDomain } from './domain';
import { formatLocalPart, localPartValueError } from './local-part';
import type { Mailbox } from './mailbox.model';
import { describeToken, type TokenStream } from './token-stream';

/** addr-spec pieces shared by the header (RFC 5322 §3.4.1) and SMTP (RFC 5321 §4.1.2) parsers. */

export interface LocalPart {
  readonly value: string;
  readonly position: number;
}

export interface ParsedDomain {
  readonly resolved: ResolvedDomain;
  readonly position: number;
}

/** Collects words and dots: the start of either a phrase (display name) or a local part; only the next token tells. */
export function collectWords(stream: TokenStream): Token[] {
  const words: Token[] = [];
  for (let token = stream.peek(); isWordOrDot(token); token = stream.peek()) words.push(stream.next());
  return words;
}

function isWordOrDot(token: Token): boolean {
  return token.kind === 'atom' || token.kind === 'quoted' || (token.kind === 'special' && token.value === '.');
}

/**
 * Local part from `word *("." word)`. Header syntax accepts RFC 5322 §4.4 obs-local-part (quoted words mixed with
 * atoms, CFWS around dots); `strict` is RFC 5321 §4.1.2: one Dot-string or one Quoted-string.
 */
export function localPartFromWords(words: readonly Token[], strict: boolean, at: Token): LocalPart {
  const first = words[0];
  if (!first) throw new AddressSyntaxError("Missing local part before '@'", at.position);
  if (strict && words.length > 1 && words.some((w) => w.kind === 'quoted')) {
    throw new AddressSyntaxError('A quoted local part must be the whole local part (RFC 5321 §4.1.2)', first.position);
  }
  const values: string[] = [];
  words.forEach((word, i) => {
    const isDot = word.kind === 'special';
    const expectWord = i % 2 === 0;
    if (expectWord && isDot) {
      throw new AddressSyntaxError(
        i === 0 ? "Local part must not start with '.'" : 'Consecutive dots in local part',
        word.position,
      );
    }
    if (!expectWord && !isDot) {
      throw new AddressSyntaxError("Unexpected word in local part: missing '.' or quotes?", word.position);
    }
    if (!isDot) values.push(word.value);
  });
  const last = words[words.length - 1];
  if (last && last.kind === 'special') throw new AddressSyntaxError("Local part must not end with '.'", last.position);
  return { value: values.join('.'), position: first.position };
}

/** RFC 5322 §3.4.1 domain: dot-atom (or obs-domain with CFWS around dots) or a domain-literal. */
export function parseDomain(stream: TokenStream): ParsedDomain {
  const first = stream.peek();
  if (first.kind === 'literal') {
    stream.next();
    return { resolved: orFail(resolveAddressLiteral(first.value), first), position: first.position };
  }
  if (first.kind === 'quoted') stream.fail('A domain cannot be a quoted string');
  if (stream.isSpecial('.')) stream.fail("Domain must not start with '.'");
  if (first.kind !== 'atom') stream.fail(`Missing domain after '@', found ${describeToken(first)}`);
  const labels = [stream.next().value];
  while (stream.isSpecial('.')) {
    const dot = stream.next();
    const label = stream.peek();
    if (label.kind === 'atom') labels.push(stream.next().value);
    else if (stream.isSpecial('.')) stream.fail('Consecutive dots in domain');
    else stream.fail("Domain must not end with '.'", dot);
  }
  return { resolved: orFail(resolveDomainName(labels.join('.')), first), position: first.position };
}

/** obs-route (RFC 5322 §4.4) / A-d-l (RFC 5321 §4.1.2): "@a,@b:" before the mailbox. Parsed, then ignored (RFC 5321 Appendix C). */
export function skipSourceRoute(stream: TokenStream): void {
  stream.next();
  parseDomain(stream);
  while (stream.isSpecial(',')) {
    stream.next();
    if (stream.isSpecial('@')) {
      stream.next();
      parseDomain(stream);
    }
  }
  if (!stream.isSpecial(':')) stream.fail("Expected ':' after source route");
  stream.next();
}

/** Applies the RFC 5321 §4.5.3.1 limits and derives the canonical address. */
export function buildMailbox(local: LocalPart, domain: ParsedDomain, displayName?: string): Mailbox {
  const localError = localPartValueError(local.value);
  if (localError) throw new AddressSyntaxError(localError, local.position);
  const address = `${formatLocalPart(local.value)}@${domain.resolved.domain}`;
  if (utf8Length(address) > MAX_ADDRESS_OCTETS) {
    throw new AddressSyntaxError(`Address exceeds ${MAX_ADDRESS_OCTETS} octets (RFC 5321 §4.5.3.1.3)`, local.position);
  }
  return {
    kind: 'mailbox',
    ...(displayName ? { displayName } : {}),
    localPart: local.value,
    ...domain.resolved,
    isInternational: !isAscii(local.value),
    address,
  };
}

function orFail(result: DomainResult, token: Token): ResolvedDomain {
  if (!result.ok) throw new AddressSyntaxError(result.message, token.position);
  return result.value;
}
