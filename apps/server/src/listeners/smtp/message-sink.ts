import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Readable } from 'node:stream';
import {
  MESSAGE_SUBMISSION,
  type MessageSubmission,
  type SubmissionEnvelope,
  type SubmissionResult,
} from '@estafette/transport';

/** Thrown when no transport is running in this process: the client gets a temporary error and retries. */
export class QueueUnavailableError extends Error {}

/**
 * Where accepted mail goes: the transport's durable enqueue (MESSAGE_SUBMISSION, provided by the
 * global TransportModule). A server built without the transport cannot take mail responsibly, so
 * it answers 451 instead of pretending.
 */
@Injectable()
export class SmtpMessageSink implements MessageSubmission {
  constructor(@Optional() @Inject(MESSAGE_SUBMISSION) private readonly submission?: MessageSubmission) {}

  submit(envelope: SubmissionEnvelope, data: Readable, options: { maxBytes: number }): Promise<SubmissionResult> {
    if (!this.submission) {
      data.resume();
      return Promise.reject(new QueueUnavailableError('the mail queue is not available on this server'));
    }
    return this.submission.submit(envelope, data, options);
  }
}
