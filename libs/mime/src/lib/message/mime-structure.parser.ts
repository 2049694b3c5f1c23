import { decodeCharset } from './encoded-text';
import { HeaderFields, parseHeaderLines } from './header-fields';
import { parameterMap, parseParameterized } from './header-parameters';
import { htmlToText } from './html-text';
import { LineSplitter, type Line } from './line-splitter';
import { decodeTransferEncoding } from './transfer-decoding';

/** A part of a parsed message: its header, where its body lies in the raw bytes, and its sub-parts. */
export interface MimePart {
  readonly headers: HeaderFields;
  /** Media type and subtype, lower-cased; text/plain when the header is missing or unreadable (RFC 2045 §5.2). */
  readonly type: string;
  readonly subtype: string;
  /** Content-Type parameters as written, and decoded by lower-cased name (RFC 2231). */
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly paramMap: ReadonlyMap<string, string>;
  /** Content-Transfer-Encoding, lower-cased; '7bit' when absent. */
  readonly encoding: string;
  /** Body offsets in the raw message: [bodyStart, bodyEnd). */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly bodyLines: number;
  /** Sub-parts of a multipart. */
  readonly children: readonly MimePart[];
  /** The encapsulated message of a message/rfc822 part. */
  readonly message: MimePart | null;
}

export interface MimeParserOptions {
  /** Nesting deeper than this is treated as an opaque body (a guard against hostile input). */
  maxDepth?: number;
  /** Parts beyond this number are folded into the previous one. */
  maxParts?: number;
  /** Header bytes kept per part; the rest of an oversized header is ignored. */
  maxHeaderBytes?: number;
  /** Raw body bytes collected for text extraction, over all parts. */
  maxTextBytes?: number;
  /** Characters of extracted text returned. */
  maxTextChars?: number;
}

type Mode = 'headers' | 'leaf' | 'preamble' | 'parts' | 'epilogue' | 'message';

class Node implements MimePart {
  headers = new HeaderFields([]);
  type = 'text';
  subtype = 'plain';
  params: ReadonlyArray<readonly [string, string]> = [];
  paramMap: ReadonlyMap<string, string> = new Map();
  encoding = '7bit';
  bodyStart = 0;
  bodyEnd = 0;
  bodyLines = 0;
  children: Node[] = [];
  message: Node | null = null;

  mode: Mode = 'headers';
  headersDone = false;
  headerLines: Buffer[] = [];
  headerBytes = 0;
  boundary: Buffer | null = null;
  text: Buffer[] | null = null;
  textLines = 0;
  /** multipart/alternative: the text of its latest branch that had any, with the raw bytes it took. */
  alternative: { branch: Node; texts: string[]; bytes: number } | null = null;

  constructor(
    readonly parent: Node | null,
    readonly depth: number,
  ) {}
}

const DASH = 0x2d;
/** Bytes of a line the parser looks at (the splitter keeps no more of a longer one). */
const LINE_CAP = 64 * 1024;
/** Joins the text lines of a part (only ever copied from, by Buffer.concat). */
const NEWLINE = Buffer.from('\n');

function isBlank(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i += 1) if (bytes[i] !== 0x20 && bytes[i] !== 0x09) return false;
  return true;
}

/**
 * One pass over a raw RFC 5322 message, fed in chunks: the MIME tree (RFC 2045/2046) with body offsets, sizes
 * and line counts for BODYSTRUCTURE, and the readable text of the body for the search index. Memory is bounded
 * by the options, not by the message size. Broken MIME never throws: missing boundaries end at the end of the
 * message, unknown or malformed headers fall back to the RFC defaults.
 */
export class MimeStructureParser {
  private readonly root = new Node(null, 0);
  private open: Node[] = [this.root];
  private readonly splitter = new LineSplitter(
    (line) => this.onLine(line),
    LINE_CAP,
    (chunk, start, end, terminator) => this.countsOnly(chunk, start, end, terminator),
  );
  private previousTerminator = 0;
  private partCount = 1;
  private textBytes = 0;
  private readonly texts: string[] = [];
  private readonly limits: Required<MimeParserOptions>;
  private finished = false;

  constructor(options: MimeParserOptions = {}) {
    this.limits = {
      maxDepth: options.maxDepth ?? 32,
      maxParts: options.maxParts ?? 2000,
      maxHeaderBytes: options.maxHeaderBytes ?? 256 * 1024,
      maxTextBytes: options.maxTextBytes ?? 2 * 1024 * 1024,
      maxTextChars: options.maxTextChars ?? 200_000,
    };
  }

  write(chunk: Buffer): void {
    if (this.finished) throw new Error('MimeStructureParser: write after end');
    this.splitter.write(chunk);
  }

  /** Ends the input and returns the root part and the extracted text. */
  end(): { root: MimePart; size: number; text: string } {
    if (!this.finished) {
      this.finished = true;
      this.splitter.end();
      const size = this.splitter.bytesSeen;
      for (let i = this.open.length - 1; i >= 0; i -= 1) this.close(this.open[i], size);
      this.open = [];
    }
    const text = this.texts.join('\n').slice(0, this.limits.maxTextChars);
    return { root: this.root, size: this.root.bodyEnd, text };
  }

  private onLine(line: Line): void {
    const matched = this.matchBoundary(line);
    if (matched) {
      const { index, closing } = matched;
      const end = line.start - this.previousTerminator;
      for (let i = this.open.length - 1; i > index; i -= 1) this.close(this.open[i], end);
      this.open.length = index + 1;
      this.countLine();
      const multipart = this.open[index];
      if (closing) multipart.mode = 'epilogue';
      else if (this.partCount < this.limits.maxParts) {
        multipart.mode = 'parts';
        const child = new Node(multipart, multipart.depth + 1);
        this.partCount += 1;
        multipart.children.push(child);
        this.open.push(child);
      } else multipart.mode = 'epilogue';
    } else {
      this.countLine();
      const current = this.open[this.open.length - 1];
      if (current.mode === 'headers') this.onHeaderLine(current, line);
      else if (current.mode === 'leaf' && current.text) this.collectText(current, line.head);
    }
    this.previousTerminator = line.terminator;
  }

  /**
   * Takes a line that is neither a header line, nor text to keep, nor a boundary (which starts with two
   * dashes), as onLine would: it only counts. Attachments and skipped parts are most of a message's lines.
   */
  private countsOnly(chunk: Buffer, start: number, end: number, terminator: number): boolean {
    const current = this.open[this.open.length - 1];
    if (current.mode === 'headers') return false;
    if (end - start >= 2 && chunk[start] === DASH && chunk[start + 1] === DASH) return false;
    this.countLine();
    if (current.mode === 'leaf' && current.text) this.collectText(current, chunk.subarray(start, end));
    this.previousTerminator = terminator;
    return true;
  }

  /** The innermost open multipart whose boundary this line is (RFC 2046 §5.1.1), outer ones too for broken nesting. */
  private matchBoundary(line: Line): { index: number; closing: boolean } | null {
    const head = line.head;
    if (head.length < 3 || head[0] !== DASH || head[1] !== DASH) return null;
    for (let i = this.open.length - 1; i >= 0; i -= 1) {
      const node = this.open[i];
      const boundary = node.boundary;
      if (!boundary || (node.mode !== 'preamble' && node.mode !== 'parts')) continue;
      if (head.length < boundary.length + 2 || head.compare(boundary, 0, boundary.length, 2, 2 + boundary.length) !== 0)
        continue;
      const rest = 2 + boundary.length;
      if (head[rest] === DASH && head[rest + 1] === DASH) return { index: i, closing: true };
      if (isBlank(head, rest)) return { index: i, closing: false };
    }
    return null;
  }

  private countLine(): void {
    for (const node of this.open) if (node.headersDone) node.bodyLines += 1;
  }

  private onHeaderLine(node: Node, line: Line): void {
    if (line.length === 0) {
      this.endHeaders(node, line.start + line.terminator);
      return;
    }
    if (node.headerBytes < this.limits.maxHeaderBytes) {
      node.headerLines.push(Buffer.from(line.head));
      node.headerBytes += line.head.length;
    }
  }

  /** The header block is complete: decide what the body is, and open the encapsulated message if any. */
  private endHeaders(node: Node, bodyStart: number): void {
    this.readHeaders(node);
    node.bodyStart = bodyStart;
    node.headersDone = true;
    const deepEnough = node.depth >= this.limits.maxDepth;
    if (node.type === 'multipart' && node.boundary && !deepEnough) {
      node.mode = 'preamble';
    } else if (node.type === 'message' && node.message === null && !deepEnough && this.isEncapsulated(node)) {
      node.mode = 'message';
      const inner = new Node(node, node.depth + 1);
      inner.bodyStart = bodyStart;
      node.message = inner;
      this.partCount += 1;
      this.open.push(inner);
    } else {
      node.mode = 'leaf';
      node.boundary = null;
      const disposition = parseParameterized(node.headers.get('content-disposition') ?? '').value;
      const readable = node.type === 'text' && (node.subtype === 'plain' || node.subtype === 'html');
      if (readable && disposition !== 'attachment') node.text = [];
    }
  }

  /** message/rfc822 (and RFC 6532 message/global) in an identity encoding can be parsed in place. */
  private isEncapsulated(node: Node): boolean {
    return (
      (node.subtype === 'rfc822' || node.subtype === 'global') && ['7bit', '8bit', 'binary'].includes(node.encoding)
    );
  }

  private readHeaders(node: Node): void {
    node.headers = new HeaderFields(parseHeaderLines(node.headerLines));
    node.headerLines = [];
    const contentType = node.headers.get('content-type');
    const parsed = contentType === null ? null : parseParameterized(contentType);
    const slash = parsed ? parsed.value.indexOf('/') : -1;
    if (parsed && slash > 0 && slash < parsed.value.length - 1) {
      node.type = parsed.value.slice(0, slash);
      node.subtype = parsed.value.slice(slash + 1);
      node.params = parsed.params;
    } else if (node.parent?.type === 'multipart' && node.parent.subtype === 'digest') {
      // RFC 2046 §5.1.5: in a digest the default part is a message.
      node.type = 'message';
      node.subtype = 'rfc822';
    } else {
      node.params = [['charset', 'us-ascii']];
    }
    node.paramMap = parameterMap(node.params);
    node.encoding = (node.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase() || '7bit';
    if (node.type === 'multipart') {
      const boundary = node.paramMap.get('boundary');
      if (boundary) node.boundary = Buffer.from(boundary, 'utf8');
      else {
        // RFC 2046 §5.1.1 makes the boundary mandatory; without one the body is plain text.
        node.type = 'text';
        node.subtype = 'plain';
        node.params = [];
        node.paramMap = new Map();
      }
    }
  }

  /** A line of a readable part (its first LINE_CAP bytes at most), kept for the text while the budget lasts. */
  private collectText(node: Node, content: Buffer): void {
    const text = node.text;
    if (!text || this.textBytes >= this.limits.maxTextBytes) return;
    const piece = content.subarray(0, Math.min(LINE_CAP, this.limits.maxTextBytes - this.textBytes));
    // Lines are joined with LF: quoted-printable soft breaks ("=" before the break) still decode.
    if (node.textLines > 0) text.push(NEWLINE);
    text.push(Buffer.from(piece));
    node.textLines += 1;
    this.textBytes += piece.length + 1;
  }

  private close(node: Node, end: number): void {
    if (!node.headersDone) {
      this.readHeaders(node);
      node.headersDone = true;
      node.bodyStart = end;
      node.boundary = null;
    }
    node.bodyEnd = Math.max(node.bodyStart, end);
    if (node.text && node.text.length > 0) {
      const raw = Buffer.concat(node.text);
      const text = decodeCharset(decodeTransferEncoding(raw, node.encoding), node.paramMap.get('charset'));
      this.keepText(node, [node.subtype === 'html' ? htmlToText(text) : text], raw.length);
    }
    node.text = null;
    const alternative = node.alternative;
    node.alternative = null;
    if (alternative) this.keepText(node, alternative.texts, alternative.bytes);
  }

  /**
   * The alternatives of a multipart/alternative say the same thing (RFC 2046 §5.1.4): only one is indexed,
   * the last that has text, which is the one a client shows (HTML beside plain text, usually). Indexing both
   * doubled the work of the full-text index for most mail without finding anything more.
   */
  private keepText(from: Node, texts: string[], bytes: number): void {
    let branch = from;
    for (let parent = from.parent; parent; branch = parent, parent = parent.parent) {
      if (parent.type !== 'multipart' || parent.subtype !== 'alternative') continue;
      const kept = parent.alternative;
      if (kept && kept.branch === branch) {
        kept.texts.push(...texts);
        kept.bytes += bytes;
      } else if (kept && texts.every((t) => t.trim() === '')) {
        // An alternative without readable text (an HTML of images only) does not replace one with text.
        this.textBytes -= bytes;
      } else {
        // A later alternative replaces the earlier one, which gives back its share of the text budget.
        if (kept) this.textBytes -= kept.bytes;
        parent.alternative = { branch, texts: [...texts], bytes };
      }
      return;
    }
    this.texts.push(...texts);
  }
}

/** Parses a whole message held in memory or arriving as a stream of chunks. */
export async function parseMimeStructure(
  source: Buffer | Iterable<Buffer> | AsyncIterable<Buffer>,
  options?: MimeParserOptions,
): Promise<{ root: MimePart; size: number; text: string }> {
  const parser = new MimeStructureParser(options);
  if (Buffer.isBuffer(source)) parser.write(source);
  else for await (const chunk of source) parser.write(chunk);
  return parser.end();
}
