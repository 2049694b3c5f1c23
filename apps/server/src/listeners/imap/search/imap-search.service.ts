import { Injectable } from '@nestjs/common';
import {
  orderedSubjectThreads,
  parseMessageIds,
  referencesThreads,
  sortMessages,
  type ImapAddress,
  type SearchKey,
  type SearchResult,
  type SortableMessage,
  type SortCriterion,
  type ThreadAlgorithm,
  type ThreadMessage,
  type ThreadNode,
} from '@estafette/protocols-imap';
import { MessageSearchService, type MessageSortRow, type SortAddress } from '@estafette/store';

/** What SEARCH needs from the IMAP session beyond the key: the UIDs it sees as \Recent (RFC 3501 §2.3.2). */
export interface ImapSearchContext {
  readonly recentUids?: readonly number[];
}

/**
 * SEARCH, SORT and THREAD (RFC 3501 §6.4.4, RFC 5256, RFC 7162 §3.1.5) of one folder for the IMAP backend
 * adapter. The key tree becomes one SQL query in the store (MessageSearchService); SORT and THREAD take
 * the matches' small metadata, which the protocol library's RFC 5256 functions order and group in memory.
 * The adapter has already checked the user's rights on the folder (openMailbox).
 */
@Injectable()
export class ImapSearchService {
  constructor(private readonly messages: MessageSearchService) {}

  /** SEARCH: the matching UIDs, and their highest MODSEQ (the SEARCH command reports it when the key used MODSEQ). */
  async search(folderId: string, key: SearchKey, context: ImapSearchContext = {}): Promise<SearchResult> {
    const result = await this.messages.filter(folderId, key, context);
    return result.uids.length > 0
      ? { uids: result.uids, highestModseq: BigInt(result.highestModseq) }
      : { uids: result.uids };
  }

  /** SORT (RFC 5256 §3): the matching UIDs in the order of the criteria. */
  async sort(
    folderId: string,
    criteria: readonly SortCriterion[],
    key: SearchKey,
    context: ImapSearchContext = {},
  ): Promise<number[]> {
    return sortMessages(await this.sortKeys(folderId, key, context), criteria);
  }

  /** THREAD (RFC 5256 §3): the matching messages as a forest of UIDs. */
  async thread(
    folderId: string,
    algorithm: ThreadAlgorithm,
    key: SearchKey,
    context: ImapSearchContext = {},
  ): Promise<ThreadNode[]> {
    const messages = await this.threadKeys(folderId, key, context);
    return algorithm === 'REFERENCES' ? referencesThreads(messages) : orderedSubjectThreads(messages);
  }

  /** The matches with what SORT compares, ascending by UID. */
  async sortKeys(folderId: string, key: SearchKey, context: ImapSearchContext = {}): Promise<SortableMessage[]> {
    return (await this.matchingRows(folderId, key, context)).map((row) => ({
      uid: row.uid,
      internalDate: row.internalDate.getTime(),
      sentDate: sentDate(row),
      size: row.size,
      envelope: { subject: row.subject, from: address(row.from), to: address(row.to), cc: address(row.cc) },
    }));
  }

  /** The matches with what THREAD groups by, ascending by UID. */
  async threadKeys(folderId: string, key: SearchKey, context: ImapSearchContext = {}): Promise<ThreadMessage[]> {
    return (await this.matchingRows(folderId, key, context)).map((row) => {
      // RFC 5256 §2.3 step 1: References, or the first id of In-Reply-To when References is absent.
      const inReplyTo = parseMessageIds(row.inReplyTo)[0];
      return {
        uid: row.uid,
        subject: row.subject,
        sentDate: sentDate(row),
        messageId: row.messageId,
        references: row.references.length > 0 ? row.references : inReplyTo ? [inReplyTo] : [],
      };
    });
  }

  private async matchingRows(folderId: string, key: SearchKey, context: ImapSearchContext): Promise<MessageSortRow[]> {
    const { uids } = await this.messages.filter(folderId, key, context);
    return uids.length === 0 ? [] : this.messages.sortRows(folderId, uids);
  }
}

function address(a: SortAddress | null): ImapAddress[] | null {
  return a ? [{ name: a.name, adl: null, mailbox: a.mailbox, host: a.host }] : null;
}

// RFC 5256 §2.2: the sent date is the Date: header, or the internal date when it is missing or unreadable.
function sentDate(row: MessageSortRow): number {
  return (row.sentAt ?? row.internalDate).getTime();
}
