const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const EMPTY = Buffer.alloc(0);
const DOT_BUFFER = Buffer.from('.');
const CR_BUFFER = Buffer.from('\r');

/**
 * RFC 1939 §3 byte-stuffing of a message sent in a multi-line response (RETR, TOP), chunk by chunk
 * so that a message is never held whole: a line that starts with "." gets another "." in front, bare
 * LF becomes CRLF (the protocol's line end), and `end()` adds the "." terminator line.
 *
 * With a body line limit it serves TOP (RFC 1939 §7): the header section, the empty line, then at most
 * that many body lines; `finished` turns true once they are out, and the caller stops reading.
 */
export class DotStuffer {
  private lastByte = LF;
  private inBody = false;
  private bodyLines = 0;
  private lineHasContent = false;
  finished = false;

  constructor(private readonly bodyLineLimit: number | null = null) {}

  /** The stuffed form of the next chunk of the message. */
  push(chunk: Buffer): Buffer {
    if (this.finished || chunk.length === 0) return EMPTY;
    if (this.bodyLineLimit === null) return this.stuff(chunk);
    const end = this.cut(chunk, this.bodyLineLimit);
    if (end === 0) return EMPTY;
    return this.stuff(end === chunk.length ? chunk : chunk.subarray(0, end));
  }

  /** The end of the response: a line end if the message lacked a final one, then ".". */
  end(): Buffer {
    if (this.lastByte === LF) return Buffer.from('.\r\n');
    if (this.lastByte === CR) return Buffer.from('\n.\r\n');
    return Buffer.from('\r\n.\r\n');
  }

  private stuff(chunk: Buffer): Buffer {
    let pieces: Buffer[] | null = null;
    let from = 0;
    if (this.lastByte === LF && chunk[0] === DOT) pieces = [DOT_BUFFER];
    for (let nl = chunk.indexOf(LF); nl >= 0; nl = chunk.indexOf(LF, nl + 1)) {
      const before = nl > 0 ? chunk[nl - 1] : this.lastByte;
      if (before !== CR) {
        pieces ??= [];
        pieces.push(chunk.subarray(from, nl), CR_BUFFER);
        from = nl;
      }
      if (chunk[nl + 1] === DOT) {
        pieces ??= [];
        pieces.push(chunk.subarray(from, nl + 1), DOT_BUFFER);
        from = nl + 1;
      }
    }
    this.lastByte = chunk[chunk.length - 1];
    if (!pieces) return chunk;
    pieces.push(chunk.subarray(from));
    return Buffer.concat(pieces);
  }

  /** TOP: how much of the chunk belongs to the header section and the first `limit` body lines. */
  private cut(chunk: Buffer, limit: number): number {
    if (this.inBody && limit === 0) return this.stop(0);
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      const segmentEnd = nl < 0 ? chunk.length : nl;
      for (let i = pos; i < segmentEnd && !this.lineHasContent; i++) if (chunk[i] !== CR) this.lineHasContent = true;
      if (nl < 0) return chunk.length;
      if (!this.inBody) {
        // The first empty line ends the header section (RFC 5322 §2.1).
        if (!this.lineHasContent) {
          this.inBody = true;
          if (limit === 0) return this.stop(nl + 1);
        }
      } else if (++this.bodyLines >= limit) return this.stop(nl + 1);
      this.lineHasContent = false;
      pos = nl + 1;
    }
  }

  private stop(at: number): number {
    this.finished = true;
    return at;
  }
}
