import { TAG } from './imap-chars';
import { ImapSyntaxError, type ImapCommand, type ImapValue } from './imap-value';
import type { RawCommand } from './tokenizer';

/** How deep parenthesised lists may nest; deeper input is BAD (a guard against stack exhaustion). */
export const DEFAULT_MAX_LIST_DEPTH = 16;

const SPACE = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x28;
const CLOSE = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/**
 * Parses a tokenised command into tag, name, UID flag and argument tree (RFC 3501 §9 grammar, generic
 * part). Throws ImapSyntaxError with the tag when it could be read, so the answer can be tagged.
 */
export function parseCommand(raw: RawCommand, maxDepth = DEFAULT_MAX_LIST_DEPTH): ImapCommand {
  const cursor = new Cursor(raw, maxDepth);
  const tag = cursor.word();
  if (!TAG.test(tag)) throw new CommandSyntaxError(null, 'Missing or invalid tag');
  try {
    cursor.space();
    let name = cursor.word().toUpperCase();
    let uid = false;
    if (name === 'UID') {
      uid = true;
      cursor.space();
      name = cursor.word().toUpperCase();
    }
    if (!/^[A-Z0-9.-]+$/.test(name)) throw new ImapSyntaxError('Invalid command name');
    const args: ImapValue[] = [];
    while (!cursor.atEnd()) {
      cursor.space();
      args.push(cursor.value(0));
    }
    return { tag, name, uid, args };
  } catch (error) {
    if (error instanceof ImapSyntaxError) throw new CommandSyntaxError(tag, error.message);
    throw error;
  }
}

/** A syntax error that knows the tag of the command it is in (null when the tag itself was bad). */
export class CommandSyntaxError extends ImapSyntaxError {
  constructor(
    readonly tag: string | null,
    message: string,
  ) {
    super(message);
  }
}

class Cursor {
  private piece = 0;
  private pos = 0;

  constructor(
    private readonly raw: RawCommand,
    private readonly maxDepth: number,
  ) {}

  private get text(): Buffer {
    return this.raw.pieces[this.piece];
  }

  atEnd(): boolean {
    return this.piece === this.raw.pieces.length - 1 && this.pos >= this.text.length;
  }

  private peek(): number | undefined {
    return this.text[this.pos];
  }

  space(): void {
    if (this.peek() !== SPACE) throw new ImapSyntaxError('Expected a space');
    this.pos++;
  }

  /** A run of non-space bytes up to a space or the end (tag and command name). */
  word(): string {
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== SPACE) this.pos++;
    return this.text.subarray(start, this.pos).toString('latin1');
  }

  value(depth: number): ImapValue {
    const c = this.peek();
    if (c === undefined) throw new ImapSyntaxError('Missing argument');
    if (c === OPEN) return this.list(depth + 1);
    if (c === DQUOTE) return this.quoted();
    if (c === 0x7b || (c === 0x7e && this.text[this.pos + 1] === 0x7b)) return this.literal();
    return this.atom();
  }

  private list(depth: number): ImapValue {
    if (depth > this.maxDepth) throw new ImapSyntaxError('Lists nested too deeply');
    this.pos++;
    const items: ImapValue[] = [];
    for (;;) {
      const c = this.peek();
      if (c === CLOSE) {
        this.pos++;
        return { kind: 'list', items };
      }
      if (c === undefined) throw new ImapSyntaxError('Unterminated list');
      if (items.length > 0) this.space();
      items.push(this.value(depth));
    }
  }

  private quoted(): ImapValue {
    this.pos++;
    const bytes: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new ImapSyntaxError('Unterminated quoted string');
      this.pos++;
      if (c === DQUOTE) return { kind: 'string', value: Buffer.from(bytes), form: 'quoted' };
      if (c === BACKSLASH) {
        const escaped = this.peek();
        // RFC 3501 §9 quoted-specials: only \" and \\ are escapes.
        if (escaped !== DQUOTE && escaped !== BACKSLASH) throw new ImapSyntaxError('Invalid escape in quoted string');
        this.pos++;
        bytes.push(escaped);
      } else if (c === 0x00) {
        throw new ImapSyntaxError('NUL in quoted string');
      } else {
        bytes.push(c);
      }
    }
  }

  private literal(): ImapValue {
    const eight = this.peek() === 0x7e;
    const rest = this.text.subarray(this.pos).toString('latin1');
    // The tokenizer only cut a literal where the marker ends the line; anywhere else it is not a literal.
    if (!/^~?\{\d+\+?\}$/.test(rest) || this.piece >= this.raw.literals.length) {
      throw new ImapSyntaxError('Literal marker not at end of line');
    }
    const value = this.raw.literals[this.piece];
    this.piece++;
    this.pos = 0;
    if (!eight && value.includes(0)) throw new ImapSyntaxError('NUL in literal (use literal8)');
    return { kind: 'string', value, form: eight ? 'literal8' : 'literal' };
  }

  /** An atom; "[...]" inside it may hold spaces and parentheses (BODY[HEADER.FIELDS (FROM)]<0.10>). */
  private atom(): ImapValue {
    const start = this.pos;
    let brackets = 0;
    for (;;) {
      const c = this.peek();
      if (c === undefined) break;
      if (c === LBRACKET) brackets++;
      else if (c === RBRACKET) {
        if (brackets === 0) throw new ImapSyntaxError('Unbalanced "]"');
        brackets--;
      } else if (brackets === 0 && (c === SPACE || c === OPEN || c === CLOSE)) break;
      else if (c < 0x20 || c === 0x7f || (brackets === 0 && (c === DQUOTE || c === 0x7b || c === BACKSLASH))) {
        // A backslash may start a flag (\Seen): allow it at the start of an atom only.
        if (!(c === BACKSLASH && this.pos === start)) throw new ImapSyntaxError('Invalid character in atom');
      }
      this.pos++;
    }
    if (brackets !== 0) throw new ImapSyntaxError('Unbalanced "["');
    if (this.pos === start) throw new ImapSyntaxError('Empty atom');
    const value = this.text.subarray(start, this.pos).toString('utf8');
    return value.toUpperCase() === 'NIL' ? { kind: 'nil' } : { kind: 'atom', value };
  }
}
