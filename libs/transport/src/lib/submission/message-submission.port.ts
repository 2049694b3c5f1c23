import type { Readable } from 'node:stream';

/** RFC 3461 DSN parameters as given on MAIL FROM / RCPT TO. */
export interface DsnRecipientOptions {
  /** NOTIFY=NEVER | SUCCESS,FAILURE,DELAY */
  notify?: Array<'SUCCESS' | 'FAILURE' | 'DELAY'> | 'NEVER';
  /** ORCPT=rfc822;address */
  originalRecipient?: string;
}

export interface EnvelopeRecipient {
  address: string;
  dsn?: DsnRecipientOptions;
}

export interface SubmissionEnvelope {
  /** Null for the null reverse-path `<>` (bounces). */
  mailFrom: string | null;
  recipients: EnvelopeRecipient[];
  /** RET=FULL|HDRS, ENVID=… */
  dsnReturn?: 'FULL' | 'HDRS';
  dsnEnvelopeId?: string;
  /** The authenticated submitter (a recipient id), when the client used AUTH. */
  authenticatedRecipientId: string | null;
  clientAddress: string;
  clientHostname: string;
  heloName: string;
  /** 'SMTP' | 'ESMTP' | 'ESMTPS' | 'ESMTPA' | 'ESMTPSA' for the Received header (RFC 3848). */
  transmissionType: string;
  /** The listener that received it: 'smtp' (MX, port 25), 'submission' (587/465). */
  entryPoint: 'smtp' | 'submission' | 'internal';
  /** Authentication-Results header value computed on receipt (inbound only). */
  authenticationResults?: string;
}

export interface SubmissionResult {
  /** The queue id quoted in the 250 reply and the tracking log. */
  queueId: string;
  messageId: string;
}

/**
 * Durable enqueue: streams the message into the blob store (fsync), then
 * commits the queue rows; resolves only when both are durable, so the SMTP
 * listener may answer 250. Implemented by libs/transport.
 */
export interface MessageSubmission {
  submit(envelope: SubmissionEnvelope, data: Readable, options: { maxBytes: number }): Promise<SubmissionResult>;
}

export const MESSAGE_SUBMISSION = Symbol('MESSAGE_SUBMISSION');
