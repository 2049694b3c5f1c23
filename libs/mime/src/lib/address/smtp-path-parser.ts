import { buildMailbox, collectWords, localPartFromWords, parseDomain, skipSourceRoute } from './addr-spec-grammar';
import { MAX_PATH_OCTETS, utf8Length } from './address-limits';
import type { Mailbox, MailboxResult, PathResult } from './mailbox.model';
import { describeToken, failure, runParser, type TokenStream } from './token-stream';

/**
 * Parses a bare RFC 5321 §4.1.2 Mailbox (`Local-part "@" ( Domain / address-literal )`), UTF-8 allowed per
 * RFC 6531 §3.3. No white space, comments or angle brackets: this is the SMTP form, not the header form.
 */
export function parseAddress(input: string): MailboxResult {
  return runParser(input, 'smtp', (stream) => {
    if (stream.isSpecial('<')) stream.fail("Angle brackets are not part of an address; use parsePath for '<...>'");
    const mailbox = parseSmtpMailbox(stream);
    expectEnd(stream);
    return mailbox;
  });
}

/**
 * Parses an RFC 5321 §4.1.2 Reverse-path or Forward-path: `<>` (the null path, value null), `<mailbox>`, or
 * `<@route:mailbox>` with the source route dropped (RFC 5321 Appendix C). A bare mailbox is tolerated, as many
 * clients send one.
 */
export function parsePath(input: string): PathResult {
  if (typeof input === 'string') {
    const octets = utf8Length(input) + (input.startsWith('<') ? 0 : 2);
    if (octets > MAX_PATH_OCTETS) return failure(`Path exceeds ${MAX_PATH_OCTETS} octets (RFC 5321 §4.5.3.1.3)`, 0);
  }
  return runParser(input, 'smtp', (stream): Mailbox | null => {
    if (stream.atEnd()) stream.fail('Path is empty');
    if (!stream.isSpecial('<')) {
      const bare = parseSmtpMailbox(stream);
      expectEnd(stream);
      return bare;
    }
    const open = stream.next();
    let mailbox: Mailbox | null = null;
    if (!stream.isSpecial('>')) {
      if (stream.isSpecial('@')) skipSourceRoute(stream);
      mailbox = parseSmtpMailbox(stream);
    }
    if (stream.atEnd()) stream.fail("Unterminated path: missing '>'", open);
    if (!stream.isSpecial('>')) stream.fail(`Expected '>' after the address, found ${describeToken(stream.peek())}`);
    stream.next();
    expectEnd(stream);
    return mailbox;
  });
}

function parseSmtpMailbox(stream: TokenStream): Mailbox {
  const words = collectWords(stream);
  const at = stream.peek();
  if (!stream.isSpecial('@')) {
    if (words.length === 0) stream.fail(`Expected an address, found ${describeToken(at)}`);
    stream.fail("Missing '@' in address", words[0]);
  }
  const local = localPartFromWords(words, true, at);
  stream.next();
  return buildMailbox(local, parseDomain(stream));
}

function expectEnd(stream: TokenStream): void {
  if (!stream.atEnd()) stream.fail(`Unexpected ${describeToken(stream.peek())} after the address`);
}
