import { describeCodePoint, isAtext, isControl, isSurrogate, isVisible, isWsp } from './char-class';
import { AddressSyntaxError as LexError } from './address-syntax-error';
import type { ParseResult } from './mailbox.model';

/**
 * Lexer for address syntax. Two modes:
 * - `header`: RFC 5322 §3.2 lexical tokens; CFWS (folding white space and nested comments) may sit between tokens.
 * - `smtp`: RFC 5321 §4.1.2 paths; no white space or comments at all, quoted strings may not fold.
 */
export type TokenizerMode = 'header' | 'smtp';

export type TokenKind = 'atom' | 'quoted' | 'literal' | 'special' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Atom text, unescaped quoted-string content, domain-literal content (no brackets, FWS removed) or the special. */
  readonly value: string;
  /** UTF-16 offset of the token's first character. */
  readonly position: number;
  /** True when CFWS separates this token from the previous one. */
  readonly spaceBefore: boolean;
}

/** RFC 5322 §3.2.3 specials that are structural in address syntax; "[" , "]", "(" , ")", "\\" and DQUOTE are handled apart. */
const SPECIALS = new Set(['<', '>', '@', ',', ':', ';', '.']);

/** Splits `input` into tokens; throws AddressSyntaxError on lexical errors. */
export function tokenizeOrThrow(input: string, mode: TokenizerMode): Token[] {
  return new Lexer(input, mode).run();
}

export function tokenize(input: string, mode: TokenizerMode): ParseResult<Token[]> {
  try {
    return { ok: true, value: tokenizeOrThrow(input, mode) };
  } catch (err) {
    if (err instanceof LexError) return { ok: false, error: { message: err.message, position: err.position } };
    throw err;
  }
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];

  constructor(
    private readonly input: string,
    private readonly mode: TokenizerMode,
  ) {}

  run(): Token[] {
    for (;;) {
      const spaceBefore = this.skipCfws();
      const start = this.pos;
      const cp = this.peek();
      if (cp === undefined) {
        this.push('end', '', start, spaceBefore);
        return this.tokens;
      }
      const ch = String.fromCodePoint(cp);
      if (ch === '"') this.push('quoted', this.quotedString(), start, spaceBefore);
      else if (ch === '[') this.push('literal', this.domainLiteral(), start, spaceBefore);
      else if (SPECIALS.has(ch)) {
        this.pos += 1;
        this.push('special', ch, start, spaceBefore);
      } else if (isAtext(cp)) this.push('atom', this.atom(), start, spaceBefore);
      else throw this.unexpected(cp, start);
    }
  }

  private push(kind: TokenKind, value: string, position: number, spaceBefore: boolean): void {
    this.tokens.push({ kind, value, position, spaceBefore });
  }

  private peek(offset = 0): number | undefined {
    return this.input.codePointAt(this.pos + offset);
  }

  /** Advance past one code point and return it as a string. */
  private take(): string {
    const cp = this.peek() ?? 0;
    const ch = String.fromCodePoint(cp);
    this.pos += isSurrogate(cp) ? 1 : ch.length;
    return ch;
  }

  private unexpected(cp: number, position: number): LexError {
    const ch = String.fromCodePoint(cp);
    if (ch === ')') return new LexError("Unbalanced ')': no comment is open", position);
    if (ch === ']') return new LexError("Unbalanced ']': no domain literal is open", position);
    if (ch === '\\') return new LexError("Unexpected '\\' outside a quoted string or comment", position);
    if (isSurrogate(cp)) return new LexError('Invalid UTF-16: lone surrogate', position);
    if (isControl(cp)) return new LexError(`Control character ${describeCodePoint(cp)} is not allowed`, position);
    if (this.mode === 'smtp' && (isWsp(cp) || ch === '(')) {
      return new LexError('White space and comments are not allowed in an SMTP address (RFC 5321 §4.1.2)', position);
    }
    return new LexError(`Unexpected character '${ch}'`, position);
  }

  /** Consumes FWS (RFC 5322 §3.2.2): WSP, or a line break that is followed by WSP (a fold). Returns true if consumed. */
  private skipFws(): boolean {
    let consumed = false;
    for (;;) {
      const cp = this.peek();
      if (cp !== undefined && isWsp(cp)) {
        this.pos += 1;
        consumed = true;
        continue;
      }
      const breakLength = this.lineBreakLength();
      if (breakLength === 0) return consumed;
      const after = this.input.codePointAt(this.pos + breakLength);
      if (after === undefined || !isWsp(after)) {
        throw new LexError('Line break not followed by white space (invalid folding, RFC 5322 §3.2.2)', this.pos);
      }
      this.pos += breakLength;
      consumed = true;
    }
  }

  /** CRLF is the RFC line break; a bare LF is tolerated since stored messages are often LF-only. */
  private lineBreakLength(): number {
    if (this.input.startsWith('\r\n', this.pos)) return 2;
    return this.input[this.pos] === '\n' ? 1 : 0;
  }

  private skipCfws(): boolean {
    if (this.mode === 'smtp') return false;
    let consumed = false;
    for (;;) {
      if (this.skipFws()) consumed = true;
      if (this.input[this.pos] !== '(') return consumed;
      this.comment();
      consumed = true;
    }
  }

  /** RFC 5322 §3.2.2 comment: nested parentheses, ctext and quoted-pairs. Iterative so deep nesting cannot overflow. */
  private comment(): void {
    const start = this.pos;
    let depth = 0;
    do {
      this.skipFws();
      const cp = this.peek();
      if (cp === undefined) throw new LexError("Unterminated comment: missing ')'", start);
      if (cp === 0x28) depth += 1;
      else if (cp === 0x29) depth -= 1;
      else if (cp === 0x5c) this.quotedPair();
      else if (!isVisible(cp)) throw this.unexpected(cp, this.pos);
      if (cp !== 0x5c) this.take();
    } while (depth > 0);
  }

  /** RFC 5322 §3.2.1 quoted-pair: "\" followed by VCHAR or WSP (RFC 5321 §4.1.2 quoted-pairSMTP allows %d32-126). */
  private quotedPair(): string {
    const start = this.pos;
    this.pos += 1;
    const cp = this.peek();
    if (cp === undefined) throw new LexError("Dangling '\\' at end of input", start);
    if (!(isVisible(cp) || cp === 0x20 || (cp === 0x09 && this.mode === 'header'))) throw this.unexpected(cp, this.pos);
    return this.take();
  }

  /** RFC 5322 §3.2.4 quoted-string; FWS inside keeps its white space but loses the line break (unfolding). */
  private quotedString(): string {
    const start = this.pos;
    this.pos += 1;
    let value = '';
    for (;;) {
      if (this.mode === 'header') {
        const before = this.pos;
        if (this.skipFws()) value += this.input.slice(before, this.pos).replace(/\r?\n/g, '');
      }
      const cp = this.peek();
      if (cp === undefined) throw new LexError("Unterminated quoted string: missing closing '\"'", start);
      if (cp === 0x22) {
        this.pos += 1;
        return value;
      }
      if (cp === 0x5c) value += this.quotedPair();
      else if (isVisible(cp) || cp === 0x20) value += this.take();
      else if (cp === 0x09) throw new LexError('Tab is not allowed in SMTP quoted strings (RFC 5321 §4.1.2)', this.pos);
      else throw this.unexpected(cp, this.pos);
    }
  }

  /** RFC 5322 §3.4.1 domain-literal, dtext only; FWS inside is dropped (the content is an IP address). */
  private domainLiteral(): string {
    const start = this.pos;
    this.pos += 1;
    let value = '';
    for (;;) {
      if (this.mode === 'header') this.skipFws();
      const cp = this.peek();
      if (cp === undefined) throw new LexError("Unterminated domain literal: missing ']'", start);
      if (cp === 0x5d) {
        this.pos += 1;
        return value;
      }
      if (cp === 0x5b || cp === 0x5c || !isVisible(cp)) throw this.unexpected(cp, this.pos);
      value += this.take();
    }
  }

  private atom(): string {
    const start = this.pos;
    for (let cp = this.peek(); cp !== undefined && isAtext(cp); cp = this.peek()) this.take();
    return this.input.slice(start, this.pos);
  }
}
