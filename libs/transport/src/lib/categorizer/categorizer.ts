import { STATUS } from '../dsn/status-text';
import type { QueuedMessage } from '../queue/queue.model';
import type { CategorizerDirectory, DirectoryRecipient } from './categorizer-directory';

/** Where a copy goes once the categorizer is done with it. */
export type Destination =
  | { kind: 'mailbox'; recipientId: string; mailboxStoreId: string }
  /** A mail-enabled public folder: its items live in a public folder store (recipientId: none). */
  | { kind: 'public-folder'; publicFolderId: string; publicStoreId: string; recipientId: null }
  | { kind: 'external'; address: string; recipientId: string | null };

export interface CopyToDeliver {
  outcome: 'deliver';
  /** The envelope recipient this copy came from (the key of its DSN fields). */
  envelopeRecipient: string;
  address: string;
  destination: Destination;
}

export interface CopyFailed {
  outcome: 'fail';
  envelopeRecipient: string;
  address: string;
  recipientId: string | null;
  status: string;
  diagnostic: string;
}

export type CategorizedCopy = CopyToDeliver | CopyFailed;

export interface Expansion {
  envelopeRecipient: string;
  group: string;
  members: number;
}

export interface CategorizationResult {
  copies: CategorizedCopy[];
  expansions: Expansion[];
}

export interface CategorizerLimits {
  maxHopCount: number;
}

/** Nesting of forwarding and contact targets before the categorizer calls it a loop (Exchange: 5.4.6). */
const MAX_DEPTH = 20;

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .toLowerCase()
        .replace(/\.$/, '');
}

interface Sender {
  /** The sender's recipient id in the directory, or null (looked up at the first call). */
  id: () => Promise<string | null>;
  authenticated: boolean;
}

/** State of one categorization: recipients reached so far, so that each gets one copy. */
class Walk {
  readonly copies: CategorizedCopy[] = [];
  readonly expansions: Expansion[] = [];
  readonly reachedIds = new Set<string>();
  readonly reachedAddresses = new Set<string>();
  readonly groupMembers = new Map<string, Set<string>>();
  private domains: Promise<ReadonlySet<string>> | null = null;
  constructor(
    readonly message: QueuedMessage,
    readonly sender: Sender,
    private readonly authoritativeDomains: () => Promise<string[]>,
  ) {}

  /**
   * Whether a domain is one the organisation is responsible for. Only an address nobody holds, or a
   * contact's target, needs to know: the domains are read once per walk, when first asked.
   */
  async isAuthoritative(domain: string): Promise<boolean> {
    this.domains ??= this.authoritativeDomains().then((list) => new Set(list.map((d) => d.toLowerCase())));
    return (await this.domains).has(domain);
  }
}

/** Per envelope recipient: what this branch of the walk has passed through (loop detection). */
interface Branch {
  envelopeRecipient: string;
  path: Set<string>;
  depth: number;
  /** Something was reached (even a recipient already served by another branch). */
  reached: boolean;
}

/**
 * Exchange's categorizer: resolves each envelope recipient by any of its addresses, expands
 * distribution and query-based groups, applies delivery restrictions (accept only from, reject
 * from, authenticated senders only: 5.7.1) and the recipient's receive size limit (5.2.3),
 * follows forwarding (with deliver-to-both), and fails unknown addresses of authoritative domains
 * (5.1.1), and posts to mail-enabled public folders by the sender's folder permissions. Each recipient
 * gets one copy however many ways the message reaches it; a walk that
 * reaches nobody (forwarding in a circle) is a loop (5.4.6). Hidden recipients receive mail like
 * any other: hiding is about address lists, not delivery.
 */
export class Categorizer {
  constructor(
    private readonly directory: CategorizerDirectory,
    private readonly limits: CategorizerLimits,
  ) {}

  async categorize(message: QueuedMessage, envelopeRecipients: readonly string[]): Promise<CategorizationResult> {
    const walk = new Walk(message, this.senderOf(message), () => this.directory.authoritativeDomains());
    for (const address of envelopeRecipients) {
      if (message.hopCount > this.limits.maxHopCount) {
        this.fail(
          walk,
          address,
          address,
          null,
          STATUS.hopCountExceeded,
          `hop count exceeded: the message passed ${message.hopCount} servers (limit ${this.limits.maxHopCount}); it may be looping`,
        );
        continue;
      }
      const branch: Branch = { envelopeRecipient: address, path: new Set(), depth: 0, reached: false };
      const before = walk.copies.length;
      await this.visitAddress(walk, branch, address);
      if (walk.copies.length === before && !branch.reached) {
        this.fail(
          walk,
          address,
          address,
          null,
          STATUS.hopCountExceeded,
          'the recipient forwards its mail in a circle (categorizer loop)',
        );
      }
    }
    return { copies: walk.copies, expansions: walk.expansions };
  }

  /**
   * Who sent it: the authenticated submitter, else the owner of the envelope sender (for accept/reject
   * lists). The owner is looked up only when a recipient has such a list, once per message: most mail
   * comes from outside and reaches recipients without restrictions.
   */
  private senderOf(message: QueuedMessage): Sender {
    const authenticated = message.authenticatedRecipientId !== null || message.entryPoint === 'internal';
    if (message.authenticatedRecipientId) {
      const id = message.authenticatedRecipientId;
      return { authenticated, id: () => Promise.resolve(id) };
    }
    const mailFrom = message.mailFrom;
    if (!mailFrom) return { authenticated, id: () => Promise.resolve(null) };
    let owner: Promise<string | null> | null = null;
    return {
      authenticated,
      id: () =>
        (owner ??= this.directory
          .resolve(mailFrom)
          .then((found) => (found?.kind === 'recipient' ? found.recipient.id : null))),
    };
  }

  private async visitAddress(walk: Walk, branch: Branch, address: string): Promise<void> {
    const owner = await this.directory.resolve(address);
    if (!owner) {
      if (await walk.isAuthoritative(domainOf(address))) {
        this.fail(
          walk,
          branch.envelopeRecipient,
          address,
          null,
          STATUS.unknownRecipient,
          `${address}: no such recipient in this organisation`,
        );
      } else {
        this.external(walk, branch, address, null);
      }
      return;
    }
    if (owner.kind === 'public-folder') {
      await this.postToPublicFolder(walk, branch, owner.publicFolderId, address);
      return;
    }
    await this.visitRecipient(walk, branch, owner.recipient, address);
  }

  private async visitRecipient(walk: Walk, branch: Branch, r: DirectoryRecipient, address: string): Promise<void> {
    if (branch.depth > MAX_DEPTH) {
      this.fail(
        walk,
        branch.envelopeRecipient,
        address,
        r.id,
        STATUS.hopCountExceeded,
        `forwarding nested more than ${MAX_DEPTH} levels deep (categorizer loop)`,
      );
      return;
    }
    if (branch.path.has(r.id)) {
      // Back at a recipient of this branch: forwarding in a circle. Whoever kept a copy has it.
      return;
    }
    const refusal = await this.restriction(walk, r);
    if (refusal) {
      this.fail(walk, branch.envelopeRecipient, this.addressOf(r, address), r.id, STATUS.notAuthorized, refusal);
      return;
    }
    if (r.maxReceiveSizeKb !== null && walk.message.size > r.maxReceiveSizeKb * 1024) {
      this.fail(
        walk,
        branch.envelopeRecipient,
        this.addressOf(r, address),
        r.id,
        STATUS.tooLarge,
        `the message (${Math.ceil(walk.message.size / 1024)} KB) is larger than ${r.displayName} accepts (${r.maxReceiveSizeKb} KB)`,
      );
      return;
    }
    branch.path.add(r.id);
    const inner: Branch = { ...branch, depth: branch.depth + 1 };
    try {
      switch (r.kind) {
        case 'group':
        case 'query-group':
          await this.expand(walk, inner, r, address);
          break;
        case 'user':
        case 'contact':
          await this.deliverOrForward(walk, inner, r, address);
          break;
      }
    } finally {
      branch.reached ||= inner.reached;
      branch.path.delete(r.id);
    }
  }

  private async expand(walk: Walk, branch: Branch, group: DirectoryRecipient, address: string): Promise<void> {
    const members = await this.directory.expandGroup(group.id);
    walk.expansions.push({
      envelopeRecipient: branch.envelopeRecipient,
      group: this.addressOf(group, address),
      members: members.length,
    });
    // An empty group is delivered to nobody, and that is no failure.
    branch.reached = true;
    for (const id of members) {
      const member = await this.directory.findById(id);
      if (!member) continue;
      await this.visitRecipient(walk, branch, member, member.primarySmtpAddress ?? member.targetAddress ?? member.id);
    }
  }

  private async deliverOrForward(walk: Walk, branch: Branch, r: DirectoryRecipient, address: string): Promise<void> {
    const forward = r.forwardingRecipientId ? await this.directory.findById(r.forwardingRecipientId) : null;
    if (!forward || r.deliverAndForward) await this.deliverTo(walk, branch, r, address);
    if (forward) {
      await this.visitRecipient(
        walk,
        branch,
        forward,
        forward.primarySmtpAddress ?? forward.targetAddress ?? forward.id,
      );
    }
  }

  private async deliverTo(walk: Walk, branch: Branch, r: DirectoryRecipient, address: string): Promise<void> {
    if (r.mailboxStoreId) {
      branch.reached = true;
      if (walk.reachedIds.has(r.id)) return;
      walk.reachedIds.add(r.id);
      walk.copies.push({
        outcome: 'deliver',
        envelopeRecipient: branch.envelopeRecipient,
        address: this.addressOf(r, address),
        destination: { kind: 'mailbox', recipientId: r.id, mailboxStoreId: r.mailboxStoreId },
      });
      return;
    }
    if (r.targetAddress) {
      const target = r.targetAddress;
      // A contact pointing back into the organisation is resolved again (loop-safe by depth and path).
      if (await walk.isAuthoritative(domainOf(target))) await this.visitAddress(walk, branch, target);
      else this.external(walk, branch, target, r.id);
      return;
    }
    this.fail(
      walk,
      branch.envelopeRecipient,
      this.addressOf(r, address),
      r.id,
      STATUS.unknownRecipient,
      `${r.displayName} has neither a mailbox nor an external address`,
    );
  }

  /**
   * Mail to a public folder is posted with the sender's client permissions (Exchange 2003): an
   * authenticated submitter by their own entry or Default, anything else as Anonymous. A role without
   * Create items refuses it (5.7.1); a folder without a public store cannot take it (5.2.1).
   */
  private async postToPublicFolder(walk: Walk, branch: Branch, publicFolderId: string, address: string): Promise<void> {
    const folder = await this.directory.publicFolder(publicFolderId, walk.message.authenticatedRecipientId);
    const fail = (status: string, diagnostic: string) =>
      this.fail(walk, branch.envelopeRecipient, address, null, status, diagnostic);
    if (!folder) return fail(STATUS.unknownRecipient, `${address}: no such recipient in this organisation`);
    if (!folder.mayPost)
      return fail(
        STATUS.notAuthorized,
        `${folder.displayName} does not accept posts from this sender (no Create items right)`,
      );
    if (!folder.publicStoreId)
      return fail('5.2.1', `${folder.displayName} has no public folder store to hold its items`);
    this.once(walk, branch, `public-folder:${publicFolderId}`, address, {
      kind: 'public-folder',
      publicFolderId,
      publicStoreId: folder.publicStoreId,
      recipientId: null,
    });
  }

  private external(walk: Walk, branch: Branch, address: string, recipientId: string | null): void {
    this.once(walk, branch, address.toLowerCase(), address, { kind: 'external', address, recipientId });
  }

  /** A copy for a destination the walk has not reached yet under `key` (each address or folder once). */
  private once(walk: Walk, branch: Branch, key: string, address: string, destination: Destination): void {
    branch.reached = true;
    if (walk.reachedAddresses.has(key)) return;
    walk.reachedAddresses.add(key);
    walk.copies.push({ outcome: 'deliver', envelopeRecipient: branch.envelopeRecipient, address, destination });
  }

  /** Delivery restrictions (ADUC, Exchange General -> Delivery Restrictions); the refusal text, or null. */
  private async restriction(walk: Walk, r: DirectoryRecipient): Promise<string | null> {
    const sender = walk.sender;
    if (r.requireAuthenticatedSenders && !sender.authenticated)
      return `${r.displayName} accepts messages from authenticated senders only`;
    if (r.rejectFromIds.length === 0 && r.acceptFromIds.length === 0) return null;
    const senderId = await sender.id();
    if (r.rejectFromIds.length > 0 && senderId && (await this.listed(walk, r.rejectFromIds, senderId)))
      return `${r.displayName} does not accept messages from this sender`;
    if (r.acceptFromIds.length > 0 && !(senderId && (await this.listed(walk, r.acceptFromIds, senderId))))
      return `${r.displayName} accepts messages only from selected senders`;
    return null;
  }

  /** Whether the sender is on a restriction list, itself or as a member of a listed group. */
  private async listed(walk: Walk, list: readonly string[], senderId: string): Promise<boolean> {
    if (list.includes(senderId)) return true;
    for (const id of list) {
      let members = walk.groupMembers.get(id);
      if (!members) {
        const entry = await this.directory.findById(id);
        members = new Set(
          entry && (entry.kind === 'group' || entry.kind === 'query-group') ? await this.directory.expandGroup(id) : [],
        );
        walk.groupMembers.set(id, members);
      }
      if (members.has(senderId)) return true;
    }
    return false;
  }

  private addressOf(r: DirectoryRecipient, fallback: string): string {
    return r.primarySmtpAddress ?? fallback;
  }

  private fail(
    walk: Walk,
    envelopeRecipient: string,
    address: string,
    recipientId: string | null,
    status: string,
    diagnostic: string,
  ): void {
    walk.copies.push({ outcome: 'fail', envelopeRecipient, address, recipientId, status, diagnostic });
  }
}
