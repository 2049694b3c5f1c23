/** What a line looks like to the MIME parser: where it starts, how long it is, and its first bytes. */
export interface Line {
  /** The line's first bytes without the terminator (all of it unless longer than the splitter's cap). */
  readonly head: Buffer;
  /** Offset of the line's first byte in the whole input. */
  readonly start: number;
  /** Length of the content, terminator excluded. */
  readonly length: number;
  /** 2 for CRLF, 1 for a bare LF, 0 for the last line without one. */
  readonly terminator: number;
}

/**
 * A look at a whole line inside one chunk before it becomes a Line: `chunk[start, end)` is its content,
 * `terminator` as in Line. Returns true when it took the line (nothing more is done with it).
 */
export type LineGlance = (chunk: Buffer, start: number, end: number, terminator: number) => boolean;

/**
 * Splits a byte stream into lines, CRLF or bare LF. Memory stays bounded: of a line longer than `cap` only the
 * first `cap` bytes are kept, so a 50 MB part without line breaks costs no more than a short one. `glance`
 * sees each line that lies whole in one chunk first and may take it, so that lines the consumer only counts
 * (the bulk of an attachment) cost no Buffer and no Line.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private length = 0;
  private lastWasCr = false;
  private offset = 0;

  constructor(
    private readonly onLine: (line: Line) => void,
    private readonly cap = 64 * 1024,
    private readonly glance: LineGlance | null = null,
  ) {}

  get bytesSeen(): number {
    return this.offset + this.length;
  }

  write(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const newline = chunk.indexOf(0x0a, pos);
      if (newline !== -1 && this.length === 0 && this.glance) {
        const cr = newline > pos && chunk[newline - 1] === 0x0d;
        const end = cr ? newline - 1 : newline;
        const terminator = cr ? 2 : 1;
        if (this.glance(chunk, pos, end, terminator)) {
          this.offset += end - pos + terminator;
          pos = newline + 1;
          continue;
        }
      }
      const end = newline === -1 ? chunk.length : newline;
      this.append(chunk.subarray(pos, end));
      if (newline === -1) return;
      this.emit(true);
      pos = newline + 1;
    }
  }

  end(): void {
    if (this.length > 0) this.emit(false);
  }

  private append(segment: Buffer): void {
    if (segment.length === 0) return;
    this.length += segment.length;
    this.lastWasCr = segment[segment.length - 1] === 0x0d;
    if (this.kept < this.cap) {
      const take = segment.subarray(0, this.cap - this.kept);
      this.parts.push(take);
      this.kept += take.length;
    }
  }

  private emit(withNewline: boolean): void {
    const cr = withNewline && this.lastWasCr;
    const contentLength = this.length - (cr ? 1 : 0);
    let head = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    if (head.length > contentLength) head = head.subarray(0, contentLength);
    const terminator = withNewline ? (cr ? 2 : 1) : 0;
    this.onLine({ head, start: this.offset, length: contentLength, terminator });
    this.offset += contentLength + terminator;
    this.parts = [];
    this.kept = 0;
    this.length = 0;
    this.lastWasCr = false;
  }
}
