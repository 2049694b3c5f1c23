import type { MessageRecord, SectionContent } from '../backend/imap-backend';
import type { FetchItem } from '../parser/fetch-args';
import { bodyStructureResponse } from './body-structure-response';
import { envelopeResponse, type WireTextOptions } from './envelope-response';

/** Where a FETCH response goes: the connection's writer, with backpressure. */
export type FetchSink = (data: string | SectionContent['content']) => Promise<void>;

export interface FetchResponseOptions extends WireTextOptions {
  /** Add FLAGS even if not requested (\Seen was set as a side effect, RFC 3501 §6.4.5). */
  readonly forceFlags?: boolean;
  /** Add MODSEQ even if not requested (CHANGEDSINCE, RFC 7162 §3.1.4.1). */
  readonly forceModseq?: boolean;
  /** Add UID even if not requested (UID FETCH, RFC 3501 §6.4.8). */
  readonly forceUid?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE (RFC 3501 §9), in UTC. */
export function internalDate(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `"${day}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ${time} +0000"`;
}

/**
 * Writes one "* n FETCH (...)" response. Text items are gathered into a string; each body section goes
 * out as a literal whose content (a buffer, or a stream from the store) is written through the sink,
 * so only one section of one message is in flight at a time.
 */
export async function writeFetchResponse(
  sink: FetchSink,
  sequence: number,
  record: MessageRecord,
  items: readonly FetchItem[],
  options: FetchResponseOptions = {},
): Promise<void> {
  const parts: string[] = [];
  const kinds = new Set(items.map((i) => i.kind));
  if (options.forceUid && !kinds.has('UID')) parts.push(`UID ${record.uid}`);
  let pending = `* ${sequence} FETCH (`;
  let sectionIndex = 0;
  const emit = (text: string): void => {
    parts.push(text);
  };
  const flushText = (): string => {
    const text = parts.join(' ');
    parts.length = 0;
    return text;
  };
  let first = true;
  const push = (text: string): void => {
    pending += (first ? '' : ' ') + text;
    first = false;
  };
  const textItems = (): void => {
    const text = flushText();
    if (text) push(text);
  };
  for (const item of items) {
    switch (item.kind) {
      case 'UID':
        emit(`UID ${record.uid}`);
        break;
      case 'FLAGS':
        emit(`FLAGS (${(record.flags ?? []).join(' ')})`);
        break;
      case 'INTERNALDATE':
        emit(`INTERNALDATE ${internalDate(record.internalDate ?? new Date(0))}`);
        break;
      case 'RFC822.SIZE':
        emit(`RFC822.SIZE ${record.size ?? 0}`);
        break;
      case 'MODSEQ':
        emit(`MODSEQ (${record.modseq ?? 0n})`);
        break;
      case 'ENVELOPE':
        if (record.envelope) emit(`ENVELOPE ${envelopeResponse(record.envelope, options)}`);
        break;
      case 'BODY':
      case 'BODYSTRUCTURE':
        if (record.bodyStructure) {
          emit(`${item.kind} ${bodyStructureResponse(record.bodyStructure, item.kind === 'BODYSTRUCTURE', options)}`);
        }
        break;
      case 'section': {
        const content = record.sections?.[sectionIndex++];
        textItems();
        if (!content) {
          push(`${item.label} NIL`);
          break;
        }
        push(`${item.label} {${content.length}}\r\n`);
        await sink(pending);
        await sink(content.content);
        pending = '';
        break;
      }
    }
  }
  if (options.forceFlags && !kinds.has('FLAGS')) emit(`FLAGS (${(record.flags ?? []).join(' ')})`);
  if (options.forceModseq && !kinds.has('MODSEQ')) emit(`MODSEQ (${record.modseq ?? 0n})`);
  textItems();
  await sink(`${pending})\r\n`);
}
