import {
  bodyStructureFromMime,
  envelopeFromMime,
  extractSection,
  type BodySection,
  type FetchRequest,
  type ImapUser,
  type MessageRecord,
  type SectionContent,
  type UidSet,
} from '@estafette/protocols-imap';
import { storeNamespace } from '@estafette/store';
import type { ImapMessageRow } from '../imap-message.repository';
import { HeaderBlockCache, headerEnd } from './header-block.cache';
import type { IndexedMessage } from './imap-folder-index';
import { ownChange, type OpenedMailbox } from './imap-mailboxes.backend';
import { noPermission, storeCall } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';

/** UIDs per database round trip: a FETCH 1:* over 50,000 messages stays in bounded memory. */
const BATCH = 500;
/** Whole messages up to this size are read into memory; larger ones stream from the blob store. */
const READ_WHOLE_BYTES = 256 * 1024;
/** First read when only the header is wanted; doubled until the blank line is in it. */
const HEADER_PROBE_BYTES = 16 * 1024;

/** A FETCH row from the folder index (a copy: the caller may change its flags). */
function fromIndex(m: IndexedMessage): ImapMessageRow {
  return { ...m, flags: [...m.flags], envelope: null, bodyStructure: null };
}

/** One message's blob, read at most once for all its sections. */
interface RawMessage {
  namespace: string;
  whole: Buffer | null;
}

const HEADER_ONLY = new Set<BodySection['specifier']>(['HEADER', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT']);

/** The <origin.length> range of a section (RFC 3501 §6.4.5): empty past the end. */
function range(total: number, partial: BodySection['partial']): { start: number; end: number } {
  if (!partial) return { start: 0, end: total };
  const start = Math.min(partial.offset, total);
  return { start, end: Math.min(total, start + partial.length) };
}

/**
 * FETCH over the store: message rows in batches of UIDs (flags, dates, sizes, the envelope and structure the
 * store computed at delivery) and sections from the raw blob. The whole message streams from the blob store
 * with a byte range; a header reads only the first bytes; other sections parse the message's MIME tree.
 */
export class ImapFetchBackend {
  private readonly headers = new HeaderBlockCache();

  constructor(private readonly deps: ImapStoreDependencies) {}

  async *fetch(
    user: ImapUser,
    opened: OpenedMailbox,
    uids: UidSet,
    request: FetchRequest,
  ): AsyncIterable<MessageRecord> {
    const { mailbox } = opened;
    if (!mailbox.rights.includes('r')) throw noPermission('read messages');
    // RFC 4314 §4: \Seen is only set by a user holding "s"; without it a body fetch leaves flags alone.
    const markSeen = request.markSeen && !opened.readOnly && mailbox.rights.includes('s');
    // Envelope and structure are not in the folder index; everything else of a kept folder is.
    const indexed = !request.envelope && !request.bodyStructure;
    for (let i = 0; i < uids.length; i += BATCH) {
      const batch = uids.slice(i, i + BATCH);
      const index = indexed ? this.deps.index.current(mailbox.folderId) : null;
      const rows = index
        ? index.byUids(batch).map(fromIndex)
        : await storeCall(() =>
            this.deps.reads.byUids(mailbox.folderId, batch, {
              envelope: request.envelope,
              bodyStructure: request.bodyStructure,
            }),
          );
      if (markSeen) await this.markSeen(opened, rows);
      for (const row of rows) yield await this.record(row, request);
    }
  }

  private async markSeen(opened: OpenedMailbox, rows: ImapMessageRow[]): Promise<void> {
    const { folderId } = opened.mailbox;
    const unseen = rows.filter((r) => !r.flags.includes('\\Seen')).map((r) => r.uid);
    if (unseen.length === 0) return;
    const { modseq, changed } = await ownChange(
      opened,
      () => storeCall(() => this.deps.messages.changeFlags(folderId, unseen, 'add', ['\\Seen'])),
      (result) => {
        opened.own.flagModseqs.add(result.modseq);
        this.deps.index.flagsChanged(folderId, result.modseq, result.rows);
      },
    );
    const flags = new Map(changed.map((c) => [c.uid, c.flags]));
    for (const row of rows) {
      const updated = flags.get(row.uid);
      if (updated) {
        row.flags = updated;
        row.modseq = BigInt(modseq);
      }
    }
  }

  private async record(row: ImapMessageRow, request: FetchRequest): Promise<MessageRecord> {
    const sections: SectionContent[] = [];
    const raw: RawMessage = { namespace: storeNamespace(row.informationStoreId), whole: null };
    for (const section of request.sections) sections.push(await this.section(row, section, raw));
    return {
      uid: row.uid,
      ...(request.flags ? { flags: row.flags } : {}),
      ...(request.internalDate ? { internalDate: row.internalDate } : {}),
      ...(request.size ? { size: row.size } : {}),
      ...(request.envelope && row.envelope ? { envelope: envelopeFromMime(row.envelope) } : {}),
      ...(request.bodyStructure && row.bodyStructure
        ? { bodyStructure: bodyStructureFromMime(row.bodyStructure) }
        : {}),
      ...(request.modseq ? { modseq: row.modseq } : {}),
      ...(request.sections.length > 0 ? { sections } : {}),
    };
  }

  private async section(row: ImapMessageRow, section: BodySection, raw: RawMessage): Promise<SectionContent> {
    const { namespace } = raw;
    const wholeMessage = section.part.length === 0 && section.specifier === 'ALL' && !section.binary;
    if (wholeMessage && !raw.whole && row.size > READ_WHOLE_BYTES) {
      const { start, end } = range(row.size, section.partial);
      const content = end > start ? this.deps.blobs.open(namespace, row.sha256, { start, end }) : Buffer.alloc(0);
      return { section, length: end - start, content };
    }
    let source: Buffer;
    if (section.part.length === 0 && HEADER_ONLY.has(section.specifier) && !raw.whole) {
      source = await this.header(namespace, row);
    } else {
      raw.whole ??= await this.deps.blobs.read(namespace, row.sha256, row.size);
      source = raw.whole;
    }
    const content = extractSection(source, section);
    return { section, length: content.length, content };
  }

  /**
   * A message's header block, blank line included (the whole message if it has no body): from the cache, or
   * from the first bytes of the blob, reading only as much as it takes.
   */
  private async header(namespace: string, row: ImapMessageRow): Promise<Buffer> {
    const cached = this.headers.get(row.sha256);
    if (cached) return cached;
    for (let probe = HEADER_PROBE_BYTES; ; probe *= 2) {
      const end = Math.min(row.size, probe);
      const prefix = await this.deps.blobs.readRange(namespace, row.sha256, 0, end);
      const blank = headerEnd(prefix);
      if (blank < 0 && end < row.size) continue;
      const block = blank < 0 ? prefix : prefix.subarray(0, blank);
      this.headers.set(row.sha256, block);
      return block;
    }
  }
}
