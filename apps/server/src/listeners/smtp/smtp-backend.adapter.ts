import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { VirtualServerDto } from '@estafette/contracts';
import type { RecipientResolver } from '@estafette/directory';
import {
  ACCEPT,
  reject,
  SmtpReplyError,
  type HeaderSection,
  type HeaderVerdict,
  type MessageVerdict,
  type SenderVerdict,
  type SmtpBackend,
  type SmtpEnvelope,
  type SmtpRecipient,
  type SmtpRejection,
  type SmtpSender,
  type SmtpSessionInfo,
  type SmtpVerdict,
} from '@estafette/protocols-smtp';
import type { MailLoginService } from '@estafette/security';
import { BlobTooLargeError } from '@estafette/store';
import type { SubmissionEnvelope } from '@estafette/transport';
import { decideAuthor, fromMailboxes } from './author-check';
import type { InboundAuthenticator } from './inbound-auth/inbound-authenticator';
import { QueueUnavailableError, type SmtpMessageSink } from './message-sink';
import { mayRelay } from './relay-policy';
import type { SendQuota } from './send-quota';
import type { SmtpPrincipal } from './smtp-principal';

/** What the adapter needs of the server; one set per process, shared by every listener. */
export interface SmtpBackendDependencies {
  mailLogin: MailLoginService;
  resolver: RecipientResolver;
  quota: SendQuota;
  sink: SmtpMessageSink;
  inbound: InboundAuthenticator;
}

/** Header fields this server adds to a message on its way to the queue (Received, Sender, Authentication-Results). */
const ADDED_FIELDS_ALLOWANCE = 8 * 1024;

const kb = (value: number | null | undefined) => (value && value > 0 ? value * 1024 : undefined);

/**
 * The SMTP listeners' backend over the directory, the store and the transport. The rules:
 * - AUTH: the directory's passwords through MailLoginService (throttled, verified logins cached), 454 4.7.0
 *   while throttled;
 * - MAIL FROM, anonymous: only when the virtual server allows anonymous access, else 530 5.7.0;
 * - MAIL FROM, authenticated: the address must be the user's, or granted by its owner (Send As, Send
 *   on Behalf), else 553 5.7.1; a mailbox over its prohibit-send quota gets 552 5.2.2; the user's
 *   own size and recipient limits apply;
 * - RCPT TO: a known address is accepted; an unknown one in an authoritative domain is 550 5.1.1;
 *   any other domain is relaying: only for authenticated clients (when the virtual server allows it)
 *   and for the relayFrom networks, else 554 5.7.1;
 * - header section, authenticated: the From authors follow the same rights; Send on Behalf adds a
 *   Sender field with the user's address;
 * - DATA: port 25 mail from anonymous clients gets SPF/DKIM/DMARC results, then the message goes to
 *   the transport's durable queue and 250 waits for it.
 */
export class SmtpBackendAdapter implements SmtpBackend<SmtpPrincipal> {
  private readonly logger = new Logger('SMTP');

  constructor(
    private readonly deps: SmtpBackendDependencies,
    /** The virtual server as last read: the adapter follows its changes without a restart. */
    private readonly virtualServer: () => VirtualServerDto,
  ) {}

  async authenticate(
    username: string,
    password: string,
    session: SmtpSessionInfo<SmtpPrincipal>,
  ): Promise<SmtpPrincipal | null | SmtpRejection> {
    const result = await this.deps.mailLogin.login('smtp', username, password, session.remoteAddress);
    switch (result.kind) {
      case 'ok':
        return { recipientId: result.account.id, login: username };
      case 'wrong-credentials':
        return null;
      case 'disabled':
        return reject(535, '5.7.8', result.message);
      case 'throttled':
        return reject(454, '4.7.0', 'Too many failed logins from this client or for this user, try again later');
    }
  }

  async checkSender(session: SmtpSessionInfo<SmtpPrincipal>, sender: SmtpSender): Promise<SenderVerdict> {
    const principal = session.principal;
    if (!principal) {
      // Exchange's Authentication dialog: with Anonymous access off, every client must log on first
      // (RFC 4954 §6: 530 5.7.0). Submission listeners already require AUTH in the protocol layer.
      if (!this.virtualServer().authMethods.includes('anonymous'))
        return reject(530, '5.7.0', 'Authentication required: this virtual server does not accept anonymous mail');
      return ACCEPT;
    }
    if (sender.address !== null) {
      const permission = await this.deps.resolver.canSendAs(principal.recipientId, sender.address);
      if (!permission)
        return reject(
          553,
          '5.7.1',
          `Sender address rejected: ${sender.address} is not one of ${principal.login}'s addresses and its owner granted no Send As or Send on Behalf right`,
        );
    }
    if (!(await this.deps.quota.canSend(principal.recipientId)))
      return reject(552, '5.2.2', 'Mailbox full: prohibit send quota reached, delete items before sending');
    const me = await this.deps.resolver.findById(principal.recipientId);
    return {
      accepted: true,
      limits: { maxMessageBytes: kb(me?.maxSendSizeKb), maxRecipients: me?.maxRecipients ?? undefined },
    };
  }

  async checkRecipient(
    session: SmtpSessionInfo<SmtpPrincipal>,
    sender: SmtpSender,
    recipient: SmtpRecipient,
  ): Promise<SmtpVerdict> {
    const owner = await this.deps.resolver.resolve(recipient.address);
    if (owner) {
      const limit = owner.kind === 'recipient' ? kb(owner.recipient.maxReceiveSizeKb) : undefined;
      if (limit && sender.declaredSize !== null && sender.declaredSize > limit)
        return reject(552, '5.2.3', `Message too large for ${recipient.address}: it accepts at most ${limit} bytes`);
      return ACCEPT;
    }
    if (await this.deps.resolver.isAuthoritative(recipient.address))
      return reject(550, '5.1.1', `Recipient address rejected: ${recipient.address}: user unknown`);
    const relay = this.virtualServer().settings.relay ?? { allowAuthenticatedRelay: true, relayFrom: [] };
    if (mayRelay(relay, { address: session.remoteAddress, authenticated: session.principal !== null })) return ACCEPT;
    return reject(554, '5.7.1', `Relay access denied: ${recipient.address} is not in a domain of this organisation`);
  }

  async reviewHeaders(
    session: SmtpSessionInfo<SmtpPrincipal>,
    _envelope: SmtpEnvelope,
    headers: HeaderSection,
  ): Promise<HeaderVerdict> {
    const principal = session.principal;
    // RFC 8601 §5: results that claim to come from here are only believable when this server wrote them.
    if (!principal) return session.mode === 'mx' ? { accepted: true, remove: ['authentication-results'] } : ACCEPT;
    const from = headers.values('from');
    if (from.length === 0) return ACCEPT;
    const mailboxes = fromMailboxes(from);
    if (!mailboxes) return reject(550, '5.6.0', 'The From header field cannot be parsed (RFC 5322 §3.6.2)');
    const authors = await Promise.all(
      mailboxes.map(async (m) => ({
        address: m.address,
        permission: await this.deps.resolver.canSendAs(principal.recipientId, m.address),
      })),
    );
    const givenSender = fromMailboxes(headers.values('sender'))?.[0] ?? null;
    const me = await this.deps.resolver.findById(principal.recipientId);
    const decision = decideAuthor(
      authors,
      { displayName: me?.displayName ?? '', address: me?.primarySmtpAddress ?? null },
      givenSender && {
        address: givenSender.address,
        permission: await this.deps.resolver.canSendAs(principal.recipientId, givenSender.address),
      },
    );
    if (!decision.ok)
      return reject(
        553,
        '5.7.1',
        `From address ${decision.address ?? ''} rejected: not one of ${principal.login}'s addresses and no Send As or Send on Behalf right was granted`,
      );
    return decision.senderField ? { accepted: true, prepend: [decision.senderField], remove: ['sender'] } : ACCEPT;
  }

  async acceptMessage(
    session: SmtpSessionInfo<SmtpPrincipal>,
    envelope: SmtpEnvelope,
    data: Readable,
  ): Promise<MessageVerdict> {
    const submission: SubmissionEnvelope = {
      mailFrom: envelope.sender.address,
      recipients: envelope.recipients.map((r) => ({
        address: r.address,
        dsn: {
          notify: r.dsn.notify,
          originalRecipient: r.dsn.originalRecipient
            ? `${r.dsn.originalRecipient.type};${r.dsn.originalRecipient.address}`
            : undefined,
        },
      })),
      dsnReturn: envelope.sender.dsn.ret,
      dsnEnvelopeId: envelope.sender.dsn.envelopeId,
      authenticatedRecipientId: session.principal?.recipientId ?? null,
      clientAddress: session.remoteAddress,
      clientHostname: session.clientHostname,
      heloName: session.heloName ?? '',
      transmissionType: envelope.transmissionType,
      entryPoint: session.mode === 'mx' ? 'smtp' : 'submission',
    };
    let message = data;
    if (session.mode === 'mx' && !session.principal) {
      const verified = await this.deps.inbound.verify(data, {
        ip: session.remoteAddress,
        helo: session.heloName,
        sender: envelope.sender.address,
        serverName: session.serverName,
      });
      submission.authenticationResults = verified.authenticationResults;
      message = verified.message;
    }
    try {
      const result = await this.deps.sink.submit(submission, message, {
        maxBytes: envelope.maxBytes > 0 ? envelope.maxBytes + ADDED_FIELDS_ALLOWANCE : 0,
      });
      return { accepted: true, queueId: result.queueId };
    } catch (error) {
      message.resume();
      // The listener failed the stream itself (size, loop, refused headers): it answers with that reason.
      if (error instanceof SmtpReplyError) throw error;
      if (error instanceof BlobTooLargeError)
        return reject(552, '5.3.4', 'Message size exceeds fixed maximum message size');
      if (error instanceof QueueUnavailableError) return reject(451, '4.3.0', `${error.message}, try again later`);
      this.logger.error(`queueing a message from ${session.remoteAddress} failed: ${(error as Error).message}`);
      throw error;
    }
  }
}
