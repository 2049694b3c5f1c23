import { Inject, Injectable } from '@nestjs/common';
import { summarizeMessage, type MessageSummary } from '@estafette/mime';
import { BLOB_STORE, type BlobStore } from '../blobs/blob-store';
import { searchWords } from './search-words';

/**
 * Parses each raw message once: a message for many recipients is delivered many times, and its blob is the
 * same (content-addressed), so the summary is kept for a few recent blobs.
 */
@Injectable()
export class MessageSummaryCache {
  private readonly entries = new Map<string, Promise<MessageSummary>>();
  private readonly capacity = 32;

  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  summarize(namespace: string, sha256: string): Promise<MessageSummary> {
    const cached = this.entries.get(sha256);
    if (cached) {
      this.entries.delete(sha256);
      this.entries.set(sha256, cached);
      return cached;
    }
    // The body text is kept for the full-text index only: its words, once per parse, not once per copy.
    const parsing = summarizeMessage(this.blobs.open(namespace, sha256)).then((summary) => ({
      ...summary,
      text: searchWords(summary.text),
    }));
    this.entries.set(sha256, parsing);
    parsing.catch(() => this.entries.delete(sha256));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return parsing;
  }
}
