import { smtpReply, type SmtpReply } from './smtp-reply';

/**
 * The replies this library sends on its own, with their RFC 3463 enhanced status codes. Backends build
 * theirs with `reject()`; these are exported so that they can reuse the wording.
 */
export const REPLIES = {
  /** RFC 1870 §6.1: SIZE parameter or data over the limit; RFC 3463 5.3.4 message too big for system. */
  messageTooBig: (limit: number): SmtpReply =>
    smtpReply(552, '5.3.4', `Message size exceeds fixed maximum message size of ${limit} bytes`),
  /** RFC 5321 §4.5.3.1.8 recipients buffer; RFC 3463 4.5.3 too many recipients: send the rest in another transaction. */
  tooManyRecipients: (limit: number): SmtpReply =>
    smtpReply(452, '4.5.3', `Too many recipients: at most ${limit} per message, send the rest in another transaction`),
  /** RFC 5321 §6.3 loop detection; RFC 3463 5.4.6 routing loop detected. */
  loopDetected: (hops: number): SmtpReply =>
    smtpReply(554, '5.4.6', `Routing loop detected: the message has more than ${hops} Received header fields`),
  /** RFC 4954 §6: 535 5.7.8 authentication credentials invalid. */
  authInvalid: (): SmtpReply => smtpReply(535, '5.7.8', 'Authentication credentials invalid'),
  /** RFC 4954 §6: 538 5.7.11 encryption required for the requested mechanism. */
  encryptionRequired: (): SmtpReply =>
    smtpReply(538, '5.7.11', 'Encryption required for requested authentication mechanism: use STARTTLS first'),
  /** RFC 4954 §6: 454 4.7.0 temporary authentication failure. */
  authTemporaryFailure: (): SmtpReply => smtpReply(454, '4.7.0', 'Temporary authentication failure, try again later'),
  /** RFC 4954 §6: 530 5.7.0 authentication required. */
  authRequired: (): SmtpReply => smtpReply(530, '5.7.0', 'Authentication required'),
  /** RFC 4616 §2: this server does not let one user act as another through the authorization identity. */
  authzidRefused: (): SmtpReply =>
    smtpReply(535, '5.7.8', 'Authentication failed: an authorization identity other than the user is not supported'),
  /** RFC 3463 4.3.0: a local error (the backend failed); the client retries. */
  localError: (): SmtpReply =>
    smtpReply(451, '4.3.0', 'Requested action aborted: local error in processing, try again later'),
  /** RFC 5322 §2.1.1 says 998 octets per line; a header section past the scan limit is refused outright. */
  headerTooBig: (limit: number): SmtpReply => smtpReply(552, '5.3.4', `Message header section exceeds ${limit} bytes`),
  /** RFC 3463 2.0.0, with the queue id the tracking log knows the message by. */
  queued: (queueId: string): SmtpReply => smtpReply(250, '2.0.0', `Ok: queued as ${queueId}`),
} as const;
