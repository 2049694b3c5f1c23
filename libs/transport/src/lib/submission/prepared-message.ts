import type { Readable } from 'node:stream';
import { countHeader, findHeaderEnd, headerValue, parseHeaderFields, type HeaderField } from './header-section';

/** What the transport reads from a message's header section while it streams into the blob store. */
export interface MessageHeaderInfo {
  messageId: string;
  subject: string;
  /** The From field as written. */
  from: string;
  /** Received fields, including the one this server adds (RFC 5321 §6.3). */
  hopCount: number;
  fields: HeaderField[];
}

/** The header section is read from the first bytes only: a header bigger than this is treated as body. */
export const MAX_SCANNED_HEADER_BYTES = 256 * 1024;

export interface PrepareOptions {
  /** Header fields to put on top (a missing Message-ID), each without its line end, and the message's Message-ID. */
  prepend: (fields: HeaderField[]) => { lines: string[]; messageId: string };
}

/**
 * Streams a message through, reading its header section and putting fields on top of it. Only the header
 * section is buffered (at most MAX_SCANNED_HEADER_BYTES); the body streams through in the chunks
 * it came in, so memory stays flat whatever the message size. `info` is set once the header
 * section has been read, which is before the first chunk is yielded.
 */
export function prepareMessage(
  source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  options: PrepareOptions,
): { stream: AsyncGenerator<Buffer>; info: () => MessageHeaderInfo } {
  let info: MessageHeaderInfo | undefined;
  async function* run(): AsyncGenerator<Buffer> {
    const held: Buffer[] = [];
    let heldBytes = 0;
    let emitted = false;
    const emitHead = function* (): Generator<Buffer> {
      const head = Buffer.concat(held, heldBytes);
      const end = findHeaderEnd(head);
      const section = head.subarray(0, end ? end.headerEnd : head.length).toString('latin1');
      const fields = parseHeaderFields(end ? section : section.slice(0, section.lastIndexOf('\n') + 1));
      const { lines, messageId } = options.prepend(fields);
      info = {
        messageId,
        subject: Buffer.from(headerValue(fields, 'subject') ?? '', 'latin1').toString('utf8'),
        from: Buffer.from(headerValue(fields, 'from') ?? '', 'latin1').toString('utf8'),
        hopCount: countHeader(fields, 'received') + lines.filter((l) => /^received:/i.test(l)).length,
        fields,
      };
      emitted = true;
      if (lines.length > 0) yield Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8');
      if (head.length > 0) yield head;
    };
    for await (const chunk of source as AsyncIterable<Buffer | string> | Iterable<Buffer>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (emitted) {
        yield buffer;
        continue;
      }
      held.push(buffer);
      heldBytes += buffer.length;
      const head = Buffer.concat(held, heldBytes);
      held.length = 0;
      held.push(head);
      if (findHeaderEnd(head) || heldBytes >= MAX_SCANNED_HEADER_BYTES) yield* emitHead();
    }
    if (!emitted) yield* emitHead();
  }
  return {
    stream: run(),
    info: () => {
      if (!info) throw new Error('the message has not been read yet');
      return info;
    },
  };
}

export { headerValue };
