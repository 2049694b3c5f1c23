import { buildMailbox, collectWords, localPartFromWords, parseDomain, skipSourceRoute } from './addr-spec-grammar';
import type { Token } from './address-tokenizer';
import { decodePhrase, type PhraseWord } from './encoded-word';
import type { Address, AddressListResult, Group, Mailbox, MailboxResult } from './mailbox.model';
import { describeToken, runParser, type TokenStream } from './token-stream';

/**
 * Parses an RFC 5322 §3.4 address-list (a To/Cc/Bcc header value, unfolded or not), including groups and the
 * obsolete forms a receiver must accept (RFC 5322 §4.4): empty list elements, routes, obs-phrase and obs-local-part.
 */
export function parseAddressList(input: string): AddressListResult {
  return runParser(input, 'header', (stream) => {
    const list: Address[] = [];
    for (;;) {
      while (stream.isSpecial(',')) stream.next(); // obs-addr-list allows empty elements
      if (stream.atEnd()) break;
      list.push(parseAddressItem(stream, true));
      if (!stream.atEnd() && !stream.isSpecial(','))
        stream.fail(`Expected ',' between addresses, found ${describeToken(stream.peek())}`);
    }
    if (list.length === 0) stream.fail('Address list is empty');
    return list;
  });
}

/** Parses exactly one RFC 5322 §3.4 mailbox: `addr-spec` or `[display-name] <addr-spec>`. */
export function parseMailbox(input: string): MailboxResult {
  return runParser(input, 'header', (stream) => {
    if (stream.atEnd()) stream.fail('Mailbox is empty');
    const mailbox = parseAddressItem(stream, false);
    if (!stream.atEnd()) stream.fail(`Unexpected ${describeToken(stream.peek())} after the mailbox`);
    return mailbox;
  });
}

function parseAddressItem(stream: TokenStream, allowGroup: true): Address;
function parseAddressItem(stream: TokenStream, allowGroup: false): Mailbox;
function parseAddressItem(stream: TokenStream, allowGroup: boolean): Address {
  const start = stream.peek();
  const words = collectWords(stream);
  const next = stream.peek();
  if (stream.isSpecial('<')) return parseNameAddr(stream, words);
  if (stream.isSpecial(':')) {
    if (!allowGroup) stream.fail('Expected a mailbox, found a group (groups cannot be nested, RFC 5322 §3.4)', start);
    return parseGroup(stream, words);
  }
  if (stream.isSpecial('@')) {
    const local = localPartFromWords(words, false, next);
    stream.next();
    return buildMailbox(local, parseDomain(stream));
  }
  if (words.length === 0) stream.fail(`Expected an address, found ${describeToken(next)}`);
  // One run of text reads as a bare local part; spaced words read as a display name missing its <address>.
  if (words.every((word, i) => i === 0 || !word.spaceBefore)) stream.fail("Missing '@' in address", start);
  return stream.fail(`Expected '<' after the display name, found ${describeToken(next)}`);
}

/** name-addr = [display-name] angle-addr, including obs-angle-addr with a route (RFC 5322 §3.4, §4.4). */
function parseNameAddr(stream: TokenStream, words: readonly Token[]): Mailbox {
  const displayName = words.length > 0 ? phraseText(stream, words) : undefined;
  const open = stream.next();
  if (stream.isSpecial('@')) skipSourceRoute(stream);
  const localWords = collectWords(stream);
  const at = stream.peek();
  if (!stream.isSpecial('@')) {
    if (localWords.length > 0) stream.fail("Missing '@' in address", localWords[0]);
    stream.fail(
      stream.isSpecial('>') ? "Empty address '<>'" : `Expected an address after '<', found ${describeToken(at)}`,
    );
  }
  const local = localPartFromWords(localWords, false, at);
  stream.next();
  const domain = parseDomain(stream);
  if (stream.atEnd()) stream.fail("Unterminated angle address: missing '>'", open);
  if (!stream.isSpecial('>')) stream.fail(`Expected '>' after the address, found ${describeToken(stream.peek())}`);
  stream.next();
  return buildMailbox(local, domain, displayName);
}

/** group = display-name ":" [group-list] ";" (RFC 5322 §3.4); obs-group-list tolerates empty elements. */
function parseGroup(stream: TokenStream, words: readonly Token[]): Group {
  if (words.length === 0) stream.fail('A group needs a name before the colon');
  const name = phraseText(stream, words);
  const colon = stream.next();
  const members: Mailbox[] = [];
  for (;;) {
    while (stream.isSpecial(',')) stream.next();
    if (stream.isSpecial(';')) break;
    if (stream.atEnd()) stream.fail("Group is missing its terminating ';'", colon);
    members.push(parseAddressItem(stream, false));
    if (!stream.isSpecial(',') && !stream.isSpecial(';')) {
      if (stream.atEnd()) stream.fail("Group is missing its terminating ';'", colon);
      stream.fail(`Expected ',' or ';' in group, found ${describeToken(stream.peek())}`);
    }
  }
  stream.next();
  return { kind: 'group', name, members };
}

/** phrase / obs-phrase (RFC 5322 §3.2.5, §4.1): words and dots, starting with a word; encoded-words decoded. */
function phraseText(stream: TokenStream, words: readonly Token[]): string {
  const first = words[0];
  if (first && first.kind === 'special') stream.fail("Display name must not start with '.'", first);
  const phrase: PhraseWord[] = words.map((token) => ({
    kind: token.kind === 'quoted' ? 'quoted' : token.kind === 'atom' ? 'atom' : 'dot',
    text: token.value,
    spaceBefore: token.spaceBefore,
  }));
  return decodePhrase(phrase);
}
