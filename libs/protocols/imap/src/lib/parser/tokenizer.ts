import { LEADING_TAG } from './imap-chars';

/**
 * The incremental front end of the IMAP parser: it cuts a byte stream into complete commands, collecting
 * literals on the way, and says "need more data" (returns null) until a command is whole.
 *
 * A command is one or more lines; a line that ends with a literal marker continues after the literal's
 * bytes (RFC 3501 §4.3, §7.5). `{n}` is synchronising: the server must say "+" before the client sends
 * the bytes. `{n+}` is non-synchronising (LITERAL+, RFC 7888 §3): the bytes follow at once. `~{n}` is a
 * literal8 (RFC 3516 §4.2) that may hold NULs, used later by BINARY APPEND.
 *
 * Limits (line length, literal size, total size) become error events, never exceptions, so that a
 * hostile client cannot crash or balloon the connection.
 */

/** A command as received: the text around its literals, and the literals. pieces.length === literals.length + 1. */
export interface RawCommand {
  readonly pieces: readonly Buffer[];
  readonly literals: readonly Buffer[];
}

export interface TokenizerLimits {
  /** Longest command line (without literals), in bytes. RFC 7162 §4 asks servers to accept at least 8192. */
  readonly maxLineBytes: number;
  /** Largest literal outside APPEND (a search string, a password). */
  readonly maxLiteralBytes: number;
  /** Largest literal in APPEND: the store's maximum message size. */
  readonly maxMessageBytes: number;
}

export type TokenizerEvent =
  | { readonly type: 'command'; readonly command: RawCommand }
  /** A synchronising literal was accepted: the connection must send "+ Ready for literal data". */
  | { readonly type: 'continue'; readonly bytes: number }
  /**
   * The command was refused. `fatal` means the stream cannot be resynchronised (a non-synchronising
   * literal too large whose bytes are on the way): the connection says BYE and closes.
   */
  | {
      readonly type: 'error';
      readonly tag: string | null;
      readonly status: 'BAD' | 'NO';
      readonly code: string | null;
      readonly text: string;
      readonly fatal: boolean;
    };

const EMPTY = Buffer.alloc(0);

const LITERAL_AT_END = /(~?)\{(\d{1,20})(\+?)\}$/;

type Mode = { kind: 'line' } | { kind: 'literal'; remaining: number } | { kind: 'discard-line' };

export class ImapTokenizer {
  /**
   * Received bytes, kept as chunks: a 50 MB APPEND literal arrives in thousands of chunks and is
   * joined once, when complete, not once per chunk.
   */
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private mode: Mode = { kind: 'line' };
  private pieces: Buffer[] = [];
  private literals: Buffer[] = [];
  private commandBytes = 0;

  constructor(private readonly limits: TokenizerLimits) {}

  /** Bytes received but not yet consumed; the connection pauses the socket above a high-water mark. */
  get buffered(): number {
    return this.chunkBytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.chunkBytes += chunk.length;
  }

  private get buffer(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.chunkBytes)];
    return this.chunks[0] ?? EMPTY;
  }

  private set buffer(value: Buffer) {
    this.chunks = value.length > 0 ? [value] : [];
    this.chunkBytes = value.length;
  }

  /** Drops buffered bytes: after STARTTLS nothing sent in the clear may be read as encrypted input (RFC 3501 §6.2.1). */
  discardBuffered(): void {
    this.buffer = Buffer.alloc(0);
  }

  /**
   * One raw line outside the command grammar (an AUTHENTICATE response, RFC 3501 §6.2.2), without its
   * line end; null when no whole line has arrived. Undefined if longer than the line limit.
   */
  nextRawLine(): Buffer | null | undefined {
    const end = this.buffer.indexOf(0x0a);
    if (end < 0) return this.buffer.length > this.limits.maxLineBytes ? undefined : null;
    const line = this.buffer.subarray(0, end > 0 && this.buffer[end - 1] === 0x0d ? end - 1 : end);
    this.buffer = this.buffer.subarray(end + 1);
    return line.length > this.limits.maxLineBytes ? undefined : line;
  }

  /** The next event, or null when more bytes are needed. */
  next(): TokenizerEvent | null {
    for (;;) {
      if (this.mode.kind === 'literal') {
        const { remaining } = this.mode;
        if (this.chunkBytes < remaining) return null;
        this.literals.push(Buffer.from(this.buffer.subarray(0, remaining)));
        this.buffer = this.buffer.subarray(remaining);
        this.mode = { kind: 'line' };
        continue;
      }
      const end = this.buffer.indexOf(0x0a);
      if (this.mode.kind === 'discard-line') {
        if (end < 0) {
          this.buffer = Buffer.alloc(0);
          return null;
        }
        this.buffer = this.buffer.subarray(end + 1);
        this.mode = { kind: 'line' };
        continue;
      }
      if (end < 0) {
        if (this.buffer.length <= this.limits.maxLineBytes) return null;
        const tag = this.tagOf(this.pieces[0] ?? this.buffer);
        this.reset();
        this.mode = { kind: 'discard-line' };
        return this.error(tag, 'BAD', null, 'Command line too long', false);
      }
      const line = this.buffer.subarray(0, end > 0 && this.buffer[end - 1] === 0x0d ? end - 1 : end);
      this.buffer = this.buffer.subarray(end + 1);
      const event = this.acceptLine(Buffer.from(line));
      if (event) return event;
    }
  }

  private acceptLine(line: Buffer): TokenizerEvent | null {
    this.commandBytes += line.length;
    const first = this.pieces[0] ?? line;
    if (line.length > this.limits.maxLineBytes) {
      const tag = this.tagOf(first);
      this.reset();
      return this.error(tag, 'BAD', null, 'Command line too long', false);
    }
    // Only the last 24 bytes can hold a literal marker; decoding them as latin1 keeps byte offsets.
    const marker = LITERAL_AT_END.exec(line.subarray(Math.max(0, line.length - 24)).toString('latin1'));
    if (!marker) {
      this.pieces.push(line);
      const command: RawCommand = { pieces: this.pieces, literals: this.literals };
      this.reset();
      return { type: 'command', command };
    }
    const size = Number(marker[2]);
    const synchronising = marker[3] !== '+';
    const isAppend = this.commandName(first) === 'APPEND';
    const limit = isAppend ? this.limits.maxMessageBytes : this.limits.maxLiteralBytes;
    if (size > limit || this.commandBytes + size > this.limits.maxMessageBytes + this.limits.maxLineBytes * 4) {
      const tag = this.tagOf(first);
      this.reset();
      // RFC 7889 §3: APPEND of a message over the limit is NO [TOOBIG]; other literals are protocol abuse.
      const status = isAppend ? 'NO' : 'BAD';
      const code = isAppend ? 'TOOBIG' : null;
      const text = isAppend ? `Message larger than ${limit} bytes` : `Literal larger than ${limit} bytes`;
      // RFC 7888 §4: the bytes of a non-synchronising literal are already coming; we cannot skip them reliably.
      return this.error(tag, status, code, text, !synchronising);
    }
    this.commandBytes += size;
    this.pieces.push(line);
    this.mode = { kind: 'literal', remaining: size };
    return synchronising ? { type: 'continue', bytes: size } : null;
  }

  private reset(): void {
    this.pieces = [];
    this.literals = [];
    this.commandBytes = 0;
  }

  private error(
    tag: string | null,
    status: 'BAD' | 'NO',
    code: string | null,
    text: string,
    fatal: boolean,
  ): TokenizerEvent {
    return { type: 'error', tag, status, code, text, fatal };
  }

  /** The tag, if the line starts with a valid one (RFC 3501 §9 "tag"), for tagging the error. */
  private tagOf(line: Buffer): string | null {
    const head = line.subarray(0, 128).toString('latin1');
    const tag = LEADING_TAG.exec(head)?.[1];
    return tag ?? null;
  }

  private commandName(line: Buffer): string {
    const words = line.subarray(0, 64).toString('latin1').split(' ');
    const name = (words[1] ?? '').toUpperCase();
    return name === 'UID' ? (words[2] ?? '').toUpperCase() : name;
  }
}
