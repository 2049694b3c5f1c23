import { ImapSyntaxError, type ImapValue } from './imap-value';

/**
 * A cursor over a command's arguments with typed readers; each throws ImapSyntaxError (answered BAD)
 * when the argument is missing or of the wrong kind (RFC 3501 §9 productions named in each method).
 */
export class CommandArgs {
  private index = 0;

  constructor(private readonly values: readonly ImapValue[]) {}

  get remaining(): number {
    return this.values.length - this.index;
  }

  /** Fails when arguments are left over: extra arguments are a syntax error, not something to ignore. */
  end(): void {
    if (this.remaining > 0) throw new ImapSyntaxError('Too many arguments');
  }

  peek(): ImapValue | undefined {
    return this.values[this.index];
  }

  any(): ImapValue {
    const value = this.values[this.index];
    if (!value) throw new ImapSyntaxError('Missing argument');
    this.index++;
    return value;
  }

  atom(): string {
    const value = this.any();
    if (value.kind !== 'atom') throw new ImapSyntaxError('Expected an atom');
    return value.value;
  }

  /** astring = 1*ASTRING-CHAR / string, decoded as UTF-8 (RFC 9051 and RFC 6855 allow UTF-8). */
  astring(): string {
    const value = this.any();
    if (value.kind === 'atom') return value.value;
    if (value.kind === 'string') return value.value.toString('utf8');
    throw new ImapSyntaxError('Expected a string');
  }

  /** nstring: a string or NIL. */
  nstring(): string | null {
    const value = this.any();
    if (value.kind === 'nil') return null;
    if (value.kind === 'string') return value.value.toString('utf8');
    throw new ImapSyntaxError('Expected a string or NIL');
  }

  number(): number {
    const text = this.atom();
    if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) throw new ImapSyntaxError('Expected a number');
    return Number(text);
  }

  list(): readonly ImapValue[] {
    const value = this.any();
    if (value.kind !== 'list') throw new ImapSyntaxError('Expected a parenthesised list');
    return value.items;
  }
}
