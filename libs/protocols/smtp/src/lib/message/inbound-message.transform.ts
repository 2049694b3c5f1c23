import { Transform, type TransformCallback } from 'node:stream';
import type { HeaderVerdict } from '../backend/smtp-backend';
import { SmtpReplyError } from '../replies/smtp-reply';
import { REPLIES } from '../replies/status-codes';
import { findHeaderEnd, parseHeaderSection, removeFields, type HeaderSection } from './header-section';

export interface InboundMessageOptions {
  /** Bytes the client may send (after dot-unstuffing); 0 for no limit. */
  maxBytes: number;
  maxHeaderBytes: number;
  maxHops: number;
  /** Trace fields to put on top, computed once the header section is known (no line ends). */
  traceFields: () => string[];
  /** A new Message-ID, asked for when the message has none; null to never add one. */
  newMessageId: (() => string) | null;
  /** The backend's look at the header section. */
  review?: (headers: HeaderSection) => Promise<HeaderVerdict>;
}

/**
 * The message on its way from the client to the backend. It counts bytes (past the limit the stream
 * fails with 552 5.3.4, RFC 1870 §6.1), holds back the header section only (bounded by
 * maxHeaderBytes), checks the hop count (RFC 5321 §6.3), lets the backend review or edit the header
 * fields, puts the trace fields and a missing Message-ID on top, then passes the body through chunk
 * by chunk: memory stays flat whatever the message size. A failure carries the SMTP reply to send.
 */
export class InboundMessageTransform extends Transform {
  /** Bytes received from the client so far. */
  bytesReceived = 0;
  /** The Message-ID of the message (its own or the one added), once the header section has passed. */
  messageId: string | null = null;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private headerDone = false;

  constructor(private readonly options: InboundMessageOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytesReceived += chunk.length;
    if (this.options.maxBytes > 0 && this.bytesReceived > this.options.maxBytes) {
      callback(new SmtpReplyError(REPLIES.messageTooBig(this.options.maxBytes)));
      return;
    }
    if (this.headerDone) {
      callback(null, chunk);
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    const head = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held, this.heldBytes);
    this.held = [head];
    const end = findHeaderEnd(head);
    if (!end) {
      if (this.heldBytes > this.options.maxHeaderBytes)
        callback(new SmtpReplyError(REPLIES.headerTooBig(this.options.maxHeaderBytes)));
      else callback();
      return;
    }
    this.finishHeader(head, end.headerEnd).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.headerDone) {
      callback();
      return;
    }
    // A message without a body (or without the empty line): all of it is header section.
    const head = Buffer.concat(this.held, this.heldBytes);
    this.finishHeader(head, head.length).then(() => callback(), callback);
  }

  private async finishHeader(head: Buffer, headerEnd: number): Promise<void> {
    const raw = head.subarray(0, headerEnd);
    const section = parseHeaderSection(raw.toString('utf8'));
    const hops = section.count('received');
    if (hops > this.options.maxHops) throw new SmtpReplyError(REPLIES.loopDetected(this.options.maxHops));
    let prepend: string[] = [];
    let remove: string[] = [];
    if (this.options.review) {
      const verdict = await this.options.review(section);
      if (!verdict.accepted) throw new SmtpReplyError(verdict.reply);
      prepend = verdict.prepend ?? [];
      remove = verdict.remove ?? [];
    }
    const top = [...this.options.traceFields()];
    this.messageId = section.values('message-id')[0] ?? null;
    if (!this.messageId && this.options.newMessageId) {
      this.messageId = this.options.newMessageId();
      top.push(`Message-ID: ${this.messageId}`);
    }
    top.push(...prepend);
    this.headerDone = true;
    this.held = [];
    if (top.length > 0) this.push(Buffer.from(top.map((line) => `${line}\r\n`).join(''), 'utf8'));
    const kept = removeFields(raw, remove);
    if (kept.length > 0) this.push(kept);
    if (head.length > headerEnd) this.push(head.subarray(headerEnd));
  }
}
