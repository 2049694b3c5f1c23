import { createHash } from 'node:crypto';
import type {
  Pop3AuthResult,
  Pop3Backend,
  Pop3Maildrop,
  Pop3MaildropResult,
  Pop3MessageContent,
} from '../lib/backend/pop3-backend';
import type { Pop3SessionInfo } from '../lib/session/pop3-session-info';

export interface InMemoryUser {
  name: string;
  password: string;
  /** POP3 turned off for this user: the disabled refusal. */
  pop3Disabled?: boolean;
  messages: string[];
}

interface StoredMessage {
  uid: string;
  data: Buffer;
}

/** A complete fake backend for the protocol tests: users, maildrops, locks, deletions at QUIT. */
export class InMemoryPop3Backend implements Pop3Backend<string> {
  private readonly users = new Map<string, { password: string; pop3Disabled: boolean }>();
  readonly maildrops = new Map<string, StoredMessage[]>();
  readonly locked = new Set<string>();
  /** Chunk size messages are streamed in, so that stuffing across chunk ends is exercised. */
  chunkSize = 7;
  throttled = false;
  failCommit = false;
  failRetrieve = false;
  private nextUid = 1;

  constructor(users: readonly InMemoryUser[]) {
    for (const u of users) {
      this.users.set(u.name, { password: u.password, pop3Disabled: u.pop3Disabled ?? false });
      this.maildrops.set(
        u.name,
        u.messages.map((m) => ({ uid: `uid-${this.nextUid++}`, data: Buffer.from(m) })),
      );
    }
  }

  async authenticate(user: string, password: string): Promise<Pop3AuthResult<string>> {
    if (this.throttled) return { kind: 'throttled', message: 'Too many failed logins, try again later' };
    const found = this.users.get(user);
    if (!found || found.password !== password) return { kind: 'wrong-credentials' };
    if (found.pop3Disabled) return { kind: 'disabled', message: `POP3 is disabled for ${user}` };
    return { kind: 'ok', principal: user };
  }

  async authenticateApop(user: string, digest: string, banner: string): Promise<Pop3AuthResult<string>> {
    const found = this.users.get(user);
    const expected =
      found &&
      createHash('md5')
        .update(banner + found.password)
        .digest('hex');
    return expected === digest ? { kind: 'ok', principal: user } : { kind: 'wrong-credentials' };
  }

  async openMaildrop(principal: string, _session: Pop3SessionInfo): Promise<Pop3MaildropResult> {
    if (this.locked.has(principal)) return { kind: 'in-use', message: 'Maildrop is locked by another session' };
    this.locked.add(principal);
    const stored = [...(this.maildrops.get(principal) ?? [])];
    const chunk = this.chunkSize;
    const maildrop: Pop3Maildrop = {
      messages: stored.map((m) => ({ size: m.data.length, uid: m.uid })),
      retrieve: async (index: number): Promise<Pop3MessageContent> => {
        if (this.failRetrieve) throw new Error('blob missing');
        const data = stored[index].data;
        const chunks: Buffer[] = [];
        for (let i = 0; i < data.length; i += chunk) chunks.push(data.subarray(i, i + chunk));
        return chunks;
      },
      commitDeletions: async (indexes: readonly number[]) => {
        if (this.failCommit) throw new Error('commit failed');
        const gone = new Set(indexes.map((i) => stored[i].uid));
        this.maildrops.set(
          principal,
          (this.maildrops.get(principal) ?? []).filter((m) => !gone.has(m.uid)),
        );
      },
      release: async () => {
        this.locked.delete(principal);
      },
    };
    return { kind: 'ok', maildrop };
  }
}

/** The users most protocol tests use. */
export function standardPop3Backend(): InMemoryPop3Backend {
  return new InMemoryPop3Backend([
    {
      name: 'alice',
      password: 'secret pass',
      messages: [
        'Subject: one\r\nFrom: bob@test.example\r\n\r\nFirst message.\r\n.starts with a dot\r\nline 3\r\n',
        'Subject: two\r\n\r\nSecond.\r\n',
        'Subject: three\r\n\r\nno final line end',
      ],
    },
    { name: 'carol', password: 'carol-pw', pop3Disabled: true, messages: [] },
    { name: 'dave', password: 'dave-pw', messages: [] },
  ]);
}
