import { AddressSyntaxError } from './address-syntax-error';
import { tokenizeOrThrow, type Token, type TokenizerMode } from './address-tokenizer';
import type { ParseResult } from './mailbox.model';

/** Cursor over tokens for the recursive-descent parsers. The token list always ends with an `end` token. */
export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1] ?? { kind: 'end', value: '', position: 0, spaceBefore: false };
    return this.tokens[this.index + offset] ?? last;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  isSpecial(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'special' && token.value === value;
  }

  atEnd(): boolean {
    return this.peek().kind === 'end';
  }

  fail(message: string, token: Token = this.peek()): never {
    throw new AddressSyntaxError(message, token.position);
  }
}

/** Human wording of a token for error messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of input';
    case 'quoted':
      return 'a quoted string';
    case 'literal':
      return 'a domain literal';
    default:
      return `'${token.value}'`;
  }
}

/** Runs a parser over `input`, turning every failure into a ParseResult so the public API never throws. */
export function runParser<T>(input: unknown, mode: TokenizerMode, parse: (stream: TokenStream) => T): ParseResult<T> {
  if (typeof input !== 'string') return failure('Input must be a string', 0);
  try {
    return { ok: true, value: parse(new TokenStream(tokenizeOrThrow(input, mode))) };
  } catch (err) {
    if (err instanceof AddressSyntaxError) return failure(err.message, err.position);
    return failure(`Internal parser error: ${err instanceof Error ? err.message : String(err)}`, 0);
  }
}

export function failure(
  message: string,
  position: number,
): { ok: false; error: { message: string; position: number } } {
  return { ok: false, error: { message, position } };
}
