import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerAuthentication,
  type SMTPServerAuthenticationResponse,
  type SMTPServerDataStream,
  type SMTPServerEnvelope,
  type SMTPServerSession,
} from 'smtp-server';
import type { MessageVerdict, SmtpBackend, TransactionLimits } from '../backend/smtp-backend';
import { parseMessageDsn, parseNotify, parseOrcpt } from '../envelope/dsn-params';
import type { SmtpEnvelope, SmtpRecipient, SmtpSender } from '../envelope/smtp-envelope';
import { InboundMessageTransform } from '../message/inbound-message.transform';
import { newMessageId } from '../message/message-id';
import { addressLiteral, receivedHeader } from '../message/received-header';
import { transmissionType } from '../message/transmission-type';
import { preferOwnEnhancedCodes, type ReplyWriter } from '../replies/own-enhanced-codes';
import { isRejection, reject, replyText, type SmtpReply } from '../replies/smtp-reply';
import { REPLIES } from '../replies/status-codes';
import {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_HOPS,
  type SmtpListenerOptions,
  type SmtpTlsMaterial,
} from '../session/listener-options';
import type { SmtpSessionInfo } from '../session/smtp-session';
import { replyError, replyOf } from './reply-error';
import { smtpServerOptions } from './server-options';

/** What session.user holds after AUTH. */
interface AuthenticatedUser<P> {
  username: string;
  principal: P;
}

/** What the listener remembers between MAIL FROM and DATA, keyed by the transaction's envelope object. */
interface Transaction {
  sender: SmtpSender;
  maxBytes: number;
  maxRecipients: number;
}

/** Settings that can change while the listener runs; they apply to the next connection or command. */
export type SmtpListenerSettings = Pick<
  SmtpListenerOptions,
  'maxMessageBytes' | 'maxRecipients' | 'maxConnections' | 'idleTimeoutMs' | 'allowPlaintextAuth' | 'banner'
>;

/** The smallest positive limit; 0 when none applies. */
function smallest(...limits: Array<number | undefined>): number {
  const set = limits.filter((l): l is number => typeof l === 'number' && l > 0);
  return set.length ? Math.min(...set) : 0;
}

/** smtp-server with every connection's reply writer told to respect the enhanced codes of this library. */
class EstafetteSmtpServer extends SMTPServer {
  override connect(socket: Socket, socketOptions?: Parameters<SMTPServer['connect']>[1]): void {
    super.connect(socket, socketOptions);
    let newest: ReplyWriter | undefined;
    for (const connection of this.connections) newest = connection as unknown as ReplyWriter;
    if (newest) preferOwnEnhancedCodes(newest);
  }
}

/**
 * One SMTP listener (one address and port) over smtp-server: the mode decides AUTH and TLS, the
 * backend decides about senders, recipients and messages. SIZE, PIPELINING, 8BITMIME, SMTPUTF8,
 * ENHANCEDSTATUSCODES and DSN are advertised; the data streams through InboundMessageTransform.
 */
export class SmtpListener<P = unknown> {
  private readonly options: SmtpListenerOptions;
  private readonly server: EstafetteSmtpServer;
  private readonly transactions = new WeakMap<SMTPServerEnvelope, Transaction>();
  private boundPort: number | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    options: SmtpListenerOptions,
    private readonly backend: SmtpBackend<P>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.options = { ...options };
    this.server = new EstafetteSmtpServer({
      ...smtpServerOptions(this.options),
      onAuth: (auth, session, callback) => this.handleAuth(auth, session, callback),
      onMailFrom: (address, session, callback) => this.run(callback, () => this.handleMailFrom(address, session)),
      onRcptTo: (address, session, callback) => this.run(callback, () => this.handleRcptTo(address, session)),
      onData: (stream, session, callback) => {
        this.handleData(stream, session).then(
          (reply) => (reply.code < 400 ? callback(null, replyText(reply)) : callback(replyError(reply))),
          (error: unknown) => callback(replyError(replyOf(error))),
        );
      },
    });
    // Client errors (resets, TLS failures) are reported, never thrown: the listener keeps serving.
    this.server.on('error', (error) => this.onError(error));
  }

  get label(): string {
    return this.options.label ?? this.options.mode;
  }

  get mode(): SmtpListenerOptions['mode'] {
    return this.options.mode;
  }

  /** The bound port (the system's choice when the options said 0); null before listen(). */
  get port(): number | null {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.server.connections.size;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const net = this.server.server;
      const onError = (error: Error) => {
        net.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        net.off('error', onError);
        this.boundPort = (net.address() as AddressInfo).port;
        resolve(this.boundPort);
      };
      net.once('error', onError);
      net.once('listening', onListening);
      this.server.listen(this.options.port, this.options.host);
    });
  }

  /** New limits and switches: the next connection (or command) uses them. */
  reconfigure(settings: SmtpListenerSettings): void {
    Object.assign(this.options, settings);
    const o = this.server.options;
    o.size = this.options.maxMessageBytes || undefined;
    o.maxClients = this.options.maxConnections || undefined;
    if (this.options.idleTimeoutMs) o.socketTimeout = this.options.idleTimeoutMs;
    o.allowInsecureAuth = this.options.allowPlaintextAuth ?? false;
    o.banner = this.options.banner ?? o.banner;
  }

  /** A new certificate: new connections and STARTTLS use it at once, open sessions keep theirs. */
  updateTls(tls: SmtpTlsMaterial): void {
    this.options.tls = tls;
    this.server.updateSecureContext({ key: tls.key, cert: tls.cert });
    this.server.options.disabledCommands = this.server.options.disabledCommands.filter((c) => c !== 'STARTTLS');
  }

  /**
   * Stops accepting connections, lets open sessions finish, and after closeTimeoutMs tells the rest
   * "421 Server shutting down" and closes them.
   */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = new Promise((resolve) => {
        if (!this.server.server.listening) {
          resolve();
          return;
        }
        this.server.close(() => resolve());
      });
    }
    return this.closing;
  }

  // ---- handlers -----------------------------------------------------------------------------

  /** Runs a step, turning a rejection or an error into the callback error smtp-server replies with. */
  private run(callback: (error?: Error | null) => void, step: () => Promise<SmtpReply | null>): void {
    step().then(
      (reply) => callback(reply ? replyError(reply) : null),
      (error: unknown) => callback(replyError(replyOf(error))),
    );
  }

  private handleAuth(
    auth: SMTPServerAuthentication,
    session: SMTPServerSession,
    callback: (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void,
  ): void {
    // RFC 4954 §4 and RFC 8314: passwords travel only over TLS unless the administrator allows otherwise.
    if (!session.secure && !this.options.allowPlaintextAuth) {
      callback(replyError(REPLIES.encryptionRequired()));
      return;
    }
    if (auth.method !== 'PLAIN' && auth.method !== 'LOGIN') {
      callback(replyError(reject(504, '5.5.4', 'Unrecognized authentication type').reply));
      return;
    }
    if (auth.method === 'PLAIN' && auth.authzid && auth.authzid !== auth.authcid) {
      callback(replyError(REPLIES.authzidRefused()));
      return;
    }
    const username = auth.username ?? '';
    const password = auth.password ?? '';
    Promise.resolve()
      .then(() => this.backend.authenticate(username, password, this.sessionInfo(session)))
      .then(
        (result) => {
          if (result === null) {
            const reply = REPLIES.authInvalid();
            callback(null, { message: replyText(reply), responseCode: reply.code });
          } else if (isRejection(result)) {
            callback(replyError(result.reply));
          } else {
            const user: AuthenticatedUser<P> = { username, principal: result };
            callback(null, { user });
          }
        },
        () => callback(replyError(REPLIES.authTemporaryFailure())),
      );
  }

  private async handleMailFrom(address: SMTPServerAddress, session: SMTPServerSession): Promise<SmtpReply | null> {
    const args = address.args || {};
    const declared = typeof args['SIZE'] === 'string' ? Number(args['SIZE']) : null;
    const sender: SmtpSender = {
      address: address.address === '' ? null : address.address,
      declaredSize: declared,
      bodyType: session.envelope.bodyType === '8bitmime' ? '8bitmime' : '7bit',
      smtpUtf8: session.envelope.smtpUtf8 === true,
      dsn: parseMessageDsn(session.envelope.dsn?.ret, session.envelope.dsn?.envid),
    };
    const verdict = await this.backend.checkSender(this.sessionInfo(session), sender);
    if (!verdict.accepted) return verdict.reply;
    const limits: TransactionLimits = verdict.limits ?? {};
    const maxBytes = smallest(this.options.maxMessageBytes, limits.maxMessageBytes);
    // RFC 1870 §6.2: a declared size over the limit is refused at once, with a permanent error.
    if (declared !== null && maxBytes > 0 && declared > maxBytes) return REPLIES.messageTooBig(maxBytes);
    this.transactions.set(session.envelope, {
      sender,
      maxBytes,
      maxRecipients: smallest(this.options.maxRecipients, limits.maxRecipients),
    });
    return null;
  }

  private async handleRcptTo(address: SMTPServerAddress, session: SMTPServerSession): Promise<SmtpReply | null> {
    const transaction = this.transactions.get(session.envelope);
    if (!transaction) return reject(503, '5.5.1', 'Bad sequence of commands: need MAIL command').reply;
    const key = address.address.toLowerCase();
    const repeated = session.envelope.rcptTo.some((r) => r.address.toLowerCase() === key);
    if (!repeated && transaction.maxRecipients > 0 && session.envelope.rcptTo.length >= transaction.maxRecipients)
      return REPLIES.tooManyRecipients(transaction.maxRecipients);
    const recipient: SmtpRecipient = {
      address: address.address,
      dsn: { notify: parseNotify(address.dsn?.notify), originalRecipient: parseOrcpt(address.dsn?.orcpt) },
    };
    const verdict = await this.backend.checkRecipient(this.sessionInfo(session), transaction.sender, recipient);
    return verdict.accepted ? null : verdict.reply;
  }

  private async handleData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<SmtpReply> {
    const transaction = this.transactions.get(session.envelope);
    if (!transaction) {
      stream.resume();
      return reject(503, '5.5.1', 'Bad sequence of commands: need MAIL command').reply;
    }
    const info = this.sessionInfo(session);
    const envelope: SmtpEnvelope = {
      sender: transaction.sender,
      recipients: session.envelope.rcptTo.map((r) => ({
        address: r.address,
        dsn: { notify: parseNotify(r.dsn?.notify), originalRecipient: parseOrcpt(r.dsn?.orcpt) },
      })),
      maxBytes: transaction.maxBytes,
      transmissionType: transmissionType({
        esmtp: info.esmtp,
        secure: info.tls !== null,
        authenticated: info.principal !== null,
        smtpUtf8: transaction.sender.smtpUtf8,
      }),
    };
    const now = this.options.now ?? (() => new Date());
    const trace = this.options.traceHeaders ?? {};
    const message = new InboundMessageTransform({
      maxBytes: transaction.maxBytes,
      maxHeaderBytes: this.options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
      maxHops: this.options.maxHops ?? DEFAULT_MAX_HOPS,
      traceFields: () =>
        trace.received === false
          ? []
          : [
              receivedHeader({
                heloName: info.heloName,
                clientHostname: info.clientHostname,
                clientAddress: info.remoteAddress,
                serverName: this.options.serverName,
                productName: this.options.productName ?? 'Estafette',
                withProtocol: envelope.transmissionType,
                id: `${info.id}.${info.transaction}`,
                tls: info.tls,
                recipients: envelope.recipients.map((r) => r.address),
                date: now(),
              }),
            ],
      newMessageId: trace.messageId === false ? null : () => newMessageId(this.options.serverName, now()),
      review: this.backend.reviewHeaders
        ? (headers) =>
            (this.backend.reviewHeaders as NonNullable<SmtpBackend<P>['reviewHeaders']>)(info, envelope, headers)
        : undefined,
    });

    let failure: SmtpReply | null = null;
    const drain = () => {
      stream.unpipe(message);
      stream.resume();
    };
    message.on('error', (error: unknown) => {
      failure ??= replyOf(error);
      drain();
    });
    // The client went away mid-message: the backend's stream fails too, so nothing half-written is kept.
    stream.on('error', (error: Error) => message.destroy(error));
    stream.pipe(message);

    let verdict: MessageVerdict;
    try {
      verdict = await this.backend.acceptMessage(info, envelope, message);
    } catch (error) {
      verdict = { accepted: false, reply: replyOf(error) };
    }
    // Whatever the backend did not read is read and dropped: the reply waits for the end of DATA.
    drain();
    await finished(stream).catch(() => undefined);
    if (failure) return failure;
    if (!verdict.accepted) return verdict.reply;
    return REPLIES.queued(verdict.queueId);
  }

  private sessionInfo(session: SMTPServerSession): SmtpSessionInfo<P> {
    const user = session.user as AuthenticatedUser<P> | undefined;
    const tls = session.tlsOptions;
    return {
      id: session.id,
      listener: this.label,
      mode: this.options.mode,
      serverName: this.options.serverName,
      localAddress: session.localAddress,
      localPort: session.localPort,
      remoteAddress: session.remoteAddress,
      remotePort: session.remotePort,
      clientHostname: session.clientHostname || addressLiteral(session.remoteAddress),
      heloName: session.hostNameAppearsAs || null,
      esmtp: session.openingCommand === 'EHLO',
      tls: tls ? { protocol: tls.version ?? 'TLS', cipher: tls.name } : null,
      authenticatedAs: user?.username ?? null,
      principal: user ? user.principal : null,
      transaction: session.transaction,
    };
  }
}
