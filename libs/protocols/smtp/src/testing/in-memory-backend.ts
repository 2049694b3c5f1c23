import type { Readable } from 'node:stream';
import type { HeaderVerdict, MessageVerdict, SenderVerdict, SmtpBackend } from '../lib/backend/smtp-backend';
import type { SmtpEnvelope, SmtpRecipient, SmtpSender } from '../lib/envelope/smtp-envelope';
import type { HeaderSection } from '../lib/message/header-section';
import { ACCEPT, reject, type SmtpRejection, type SmtpVerdict } from '../lib/replies/smtp-reply';
import type { SmtpSessionInfo } from '../lib/session/smtp-session';

export interface InMemoryUser {
  username: string;
  password: string;
  /** The user's own addresses; the first is the primary one. */
  addresses: string[];
  /** Addresses of others the user may send as. */
  sendAs?: string[];
  /** Addresses of others the user may send on behalf of (a Sender header is added). */
  sendOnBehalf?: string[];
  maxMessageBytes?: number;
  maxRecipients?: number;
}

export interface InMemoryPrincipal {
  username: string;
}

export interface StoredMessage {
  queueId: string;
  session: SmtpSessionInfo<InMemoryPrincipal>;
  envelope: SmtpEnvelope;
  data: Buffer;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
const addressIn = (list: readonly string[] | undefined, address: string) =>
  (list ?? []).some((a) => a.toLowerCase() === address.toLowerCase());

/** From header value -> bare address (enough for tests: "Name <a@b>" or "a@b"). */
function fromAddress(value: string): string {
  const angle = /<([^>]*)>/.exec(value);
  return (angle ? angle[1] : value).trim();
}

/**
 * A complete fake of the SMTP backend for the protocol tests: users with passwords and addresses,
 * local mailboxes, the relay rule (only authenticated clients relay), sender identity rules and an
 * in-memory queue. Specs only.
 */
export class InMemorySmtpBackend implements SmtpBackend<InMemoryPrincipal> {
  readonly messages: StoredMessage[] = [];
  readonly users = new Map<string, InMemoryUser>();
  readonly mailboxes = new Set<string>();
  readonly localDomains = new Set<string>();
  /** Set to make the next acceptMessage throw (a storage failure). */
  failNextMessage: Error | null = null;
  /** Delay before acceptMessage resolves, to observe that 250 waits for it. */
  acceptDelayMs = 0;
  private queueCounter = 0;

  constructor(options: { localDomains?: string[]; mailboxes?: string[]; users?: InMemoryUser[] } = {}) {
    for (const d of options.localDomains ?? []) this.localDomains.add(d.toLowerCase());
    for (const m of options.mailboxes ?? []) this.mailboxes.add(m.toLowerCase());
    for (const u of options.users ?? []) {
      this.users.set(u.username.toLowerCase(), u);
      for (const a of u.addresses) this.mailboxes.add(a.toLowerCase());
    }
  }

  async authenticate(username: string, password: string): Promise<InMemoryPrincipal | null | SmtpRejection> {
    if (username === 'throttled') return reject(454, '4.7.0', 'Too many failed logins, try again later');
    const user = this.users.get(username.toLowerCase());
    return user && user.password === password ? { username: user.username } : null;
  }

  private permission(principal: InMemoryPrincipal, address: string): 'own' | 'send-as' | 'send-on-behalf' | null {
    const user = this.users.get(principal.username.toLowerCase());
    if (!user) return null;
    if (addressIn(user.addresses, address)) return 'own';
    if (addressIn(user.sendAs, address)) return 'send-as';
    if (addressIn(user.sendOnBehalf, address)) return 'send-on-behalf';
    return null;
  }

  async checkSender(session: SmtpSessionInfo<InMemoryPrincipal>, sender: SmtpSender): Promise<SenderVerdict> {
    if (!session.principal) return ACCEPT;
    if (sender.address && !this.permission(session.principal, sender.address))
      return reject(553, '5.7.1', `Sender address rejected: not owned by user ${session.principal.username}`);
    const user = this.users.get(session.principal.username.toLowerCase());
    return { accepted: true, limits: { maxMessageBytes: user?.maxMessageBytes, maxRecipients: user?.maxRecipients } };
  }

  async checkRecipient(
    session: SmtpSessionInfo<InMemoryPrincipal>,
    _sender: SmtpSender,
    recipient: SmtpRecipient,
  ): Promise<SmtpVerdict> {
    if (this.localDomains.has(domainOf(recipient.address))) {
      return this.mailboxes.has(recipient.address.toLowerCase())
        ? ACCEPT
        : reject(550, '5.1.1', `Recipient address rejected: ${recipient.address}: user unknown`);
    }
    return session.principal ? ACCEPT : reject(554, '5.7.1', `Relay access denied for ${recipient.address}`);
  }

  async reviewHeaders(
    session: SmtpSessionInfo<InMemoryPrincipal>,
    _envelope: SmtpEnvelope,
    headers: HeaderSection,
  ): Promise<HeaderVerdict> {
    const principal = session.principal;
    if (!principal) return ACCEPT;
    const from = headers.values('from')[0];
    if (!from) return ACCEPT;
    const permission = this.permission(principal, fromAddress(from));
    if (!permission) return reject(553, '5.7.1', `From address ${fromAddress(from)} is not yours`);
    if (permission !== 'send-on-behalf') return ACCEPT;
    const user = this.users.get(principal.username.toLowerCase());
    return { accepted: true, prepend: [`Sender: <${user?.addresses[0] ?? principal.username}>`], remove: ['sender'] };
  }

  async acceptMessage(
    session: SmtpSessionInfo<InMemoryPrincipal>,
    envelope: SmtpEnvelope,
    data: Readable,
  ): Promise<MessageVerdict> {
    const chunks: Buffer[] = [];
    for await (const chunk of data) chunks.push(chunk as Buffer);
    if (this.acceptDelayMs > 0) await new Promise((r) => setTimeout(r, this.acceptDelayMs));
    if (this.failNextMessage) {
      const error = this.failNextMessage;
      this.failNextMessage = null;
      throw error;
    }
    const queueId = `Q${String(++this.queueCounter).padStart(4, '0')}`;
    this.messages.push({ queueId, session, envelope, data: Buffer.concat(chunks) });
    return { accepted: true, queueId };
  }
}
