/** Header blocks longer than this are passed on whole without being looked at (as before the gate). */
const MAX_HEAD_BYTES = 256 * 1024;

/** Fields whose verification needs the body: DKIM (RFC 6376) and ARC (RFC 8617) signatures and seals. */
const SIGNATURE_FIELD = /(?:^|\n)(?:dkim-signature|arc-seal|arc-message-signature)[ \t]*:/i;

/** What to pass to the verifier for a chunk: bytes (possibly none) and whether its input is complete. */
export interface GateStep {
  feed: Buffer | null;
  end: boolean;
}

/**
 * Decides how much of a message the DKIM/ARC verifier must read. Without a signature or seal in the header,
 * SPF, DMARC and "dkim=none" come from the header alone, so the verifier gets the header and its blank line
 * and nothing more: it would otherwise parse every line of the body for no result (a quarter of the
 * inbound CPU time of the SMTP benchmark's unsigned mail went to that parse). A signed message goes
 * through whole.
 */
export class SignatureGate {
  private head: Buffer[] = [];
  private headBytes = 0;
  private state: 'head' | 'all' | 'done' = 'head';

  /** The verifier's share of the next chunk of the message. */
  take(chunk: Buffer): GateStep {
    if (this.state === 'all') return { feed: chunk, end: false };
    if (this.state === 'done') return { feed: null, end: false };
    this.head.push(chunk);
    this.headBytes += chunk.length;
    const head = this.head.length === 1 ? chunk : Buffer.concat(this.head);
    this.head = [head];
    const blank = endOfHeader(head);
    if (blank < 0) {
      if (this.headBytes <= MAX_HEAD_BYTES) return { feed: null, end: false };
      return this.passAll(head);
    }
    if (SIGNATURE_FIELD.test(head.subarray(0, blank).toString('latin1'))) return this.passAll(head);
    this.state = 'done';
    this.head = [];
    return { feed: head.subarray(0, blank), end: true };
  }

  /** At the end of the message: whatever was held back while looking for the end of the header. */
  finish(): Buffer | null {
    if (this.state !== 'head' || this.headBytes === 0) return null;
    this.state = 'done';
    return Buffer.concat(this.head);
  }

  private passAll(head: Buffer): GateStep {
    this.state = 'all';
    this.head = [];
    return { feed: head, end: false };
  }
}

/** Where the header ends: the offset just after its blank line (CRLF CRLF, or bare LFs), or -1. */
function endOfHeader(data: Buffer): number {
  if (data[0] === 0x0a) return 1;
  if (data[0] === 0x0d && data[1] === 0x0a) return 2;
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  return lf >= 0 ? lf + 2 : -1;
}
