import type { ImapAddress, ImapEnvelope, ImapUser } from '../lib/backend/imap-backend';
import type { InMemoryImapBackend } from './in-memory-backend';
import { seedSampleMailbox } from './sample-messages';

/**
 * Mailbox contents a transcript asks for with "# seed: <name>" (test/transcripts.spec.ts). Each seed
 * fills the in-memory backend the way deliveries would, with envelopes worked out from the headers.
 */
export const TRANSCRIPT_SEEDS: Readonly<Record<string, (backend: InMemoryImapBackend) => void>> = {
  conversations: seedConversationsFor,
  shared: seedShared,
  /** alice's INBOX with PLAIN_MESSAGE (seen), MULTIPART_MESSAGE and a short flagged one; an empty Archive. */
  sample: (backend) => {
    seedSampleMailbox(backend);
    backend.addMailbox('alice', 'Archive');
  },
};

function address(text: string): ImapAddress {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^@>]+)@([^>]+)>\s*$/.exec(text) ?? /^\s*()([^@\s]+)@(\S+)\s*$/.exec(text);
  if (!match) return { name: null, adl: null, mailbox: text.trim(), host: null };
  return { name: match[1] ? match[1] : null, adl: null, mailbox: match[2], host: match[3] };
}

/** A message from header lines and a body, with the envelope a MIME parser would give. */
export function seededMessage(headers: Readonly<Record<string, string>>, body: string) {
  const raw = `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body}`;
  const list = (name: string): ImapAddress[] | null =>
    headers[name] ? headers[name].split(/,(?![^<]*>)/).map(address) : null;
  const from = list('From');
  const envelope: ImapEnvelope = {
    date: headers['Date'] ?? null,
    subject: headers['Subject'] ?? null,
    from,
    sender: from,
    replyTo: from,
    to: list('To'),
    cc: list('Cc'),
    bcc: list('Bcc'),
    inReplyTo: headers['In-Reply-To'] ?? null,
    messageId: headers['Message-ID'] ?? null,
  };
  return { raw, envelope };
}

const day = (d: number, hour = 12): Date => new Date(Date.UTC(2025, 1, d, hour));

/**
 * alice's INBOX with seven messages (UIDs and sequence numbers 1-7) for SEARCH, SORT and THREAD:
 * a reply chain (1 <- 2 <- 4), "Lunch?" and a forwarded "[list] Fwd: Lunch?" without references
 * (5), two replies to a message that is not in the mailbox (6, 7).
 */
export function seedConversationsFor(backend: InMemoryImapBackend): void {
  const messages: { headers: Record<string, string>; body: string; flags: string[]; arrived: Date }[] = [
    {
      headers: {
        From: 'Alice Able <alice@example.com>',
        To: 'bob@example.com',
        Subject: 'Project kickoff',
        Date: 'Mon, 3 Feb 2025 09:00:00 +0000',
        'Message-ID': '<m1@example.com>',
      },
      body: 'Let us start the project.\r\n',
      flags: ['\\Seen'],
      arrived: day(3),
    },
    {
      headers: {
        From: '"Bob Baker" <bob@example.com>',
        To: 'alice@example.com',
        Cc: 'carol@example.com',
        Subject: 'Re: Project kickoff',
        Date: 'Tue, 4 Feb 2025 10:00:00 +0000',
        'Message-ID': '<m2@example.com>',
        'In-Reply-To': '<m1@example.com>',
        References: '<m1@example.com>',
      },
      body: 'Sounds good.\r\n',
      flags: ['\\Seen', '\\Answered'],
      arrived: day(4),
    },
    {
      headers: {
        From: 'carol@example.com',
        To: 'alice@example.com',
        Subject: 'Lunch?',
        Date: 'Wed, 5 Feb 2025 12:00:00 +0100',
        'Message-ID': '<m3@example.com>',
      },
      body: `Pizza at noon?\r\n${'Long text. '.repeat(120)}\r\n`,
      flags: ['\\Flagged'],
      arrived: day(5),
    },
    {
      headers: {
        From: 'Dave <dave@example.com>',
        To: 'alice@example.com',
        Bcc: 'boss@example.com',
        Subject: 'Re: Project kickoff',
        Date: 'Thu, 6 Feb 2025 08:00:00 +0000',
        'Message-ID': '<m4@example.com>',
        References: '<m1@example.com> <m2@example.com>',
      },
      body: 'Count me in.\r\n',
      flags: ['\\Deleted', '$Work'],
      arrived: day(6),
    },
    {
      headers: {
        From: 'Eve <eve@example.com>',
        To: 'alice@example.com',
        Subject: '[list] Fwd: Lunch?',
        Date: 'Sat, 1 Feb 2025 18:00:00 +0000',
        'Message-ID': '<m5@example.com>',
      },
      body: 'Eine Überraschung!\r\n',
      flags: ['\\Draft'],
      arrived: day(7),
    },
    {
      headers: {
        From: 'Zed <frank@example.com>',
        To: 'alice@example.com',
        Subject: 'Re: Budget',
        Date: 'Sat, 8 Feb 2025 09:00:00 +0000',
        'Message-ID': '<m6@example.com>',
        References: '<missing@example.com>',
      },
      body: 'Numbers attached.\r\n',
      flags: [],
      arrived: day(8),
    },
    {
      headers: {
        From: 'Aaron <zz@example.com>',
        To: 'alice@example.com',
        Subject: 'Budget',
        Date: 'Sun, 9 Feb 2025 09:00:00 +0000',
        'Message-ID': '<m7@example.com>',
        'In-Reply-To': '<missing@example.com>',
      },
      body: 'Which numbers?\r\n',
      flags: [],
      arrived: day(9),
    },
  ];
  for (const m of messages) {
    backend.deliver('alice', 'INBOX', { ...seededMessage(m.headers, m.body), flags: m.flags, internalDate: m.arrived });
  }
}

/** carol (password "tiger") shares her INBOX and "Team" with alice: lookup and read for INBOX, all of Team. */
export function seedShared(backend: InMemoryImapBackend): void {
  const carol = backend.addUser('carol', 'tiger');
  backend.addMailbox('carol', 'Team');
  backend.deliver('carol', 'INBOX', seededMessage({ From: 'carol@example.com', Subject: 'For alice' }, 'Hi\r\n'));
  void backend.setAcl(carol, 'INBOX', 'alice', 'lr');
  void backend.setAcl(carol, 'Team', 'alice', 'lrswipkxtea');
}

/** alice as the in-memory backend knows her (the first user the fixture adds). */
const ALICE: ImapUser = { id: 'u1', username: 'alice' };

/** Expunges UIDs elsewhere (another session), as the store would. */
export async function expungeElsewhere(backend: InMemoryImapBackend, uids: number[]): Promise<void> {
  const { handle } = await backend.openMailbox(ALICE, 'INBOX', { readOnly: false });
  await backend.storeFlags(ALICE, handle, uids, { operation: 'add', flags: ['\\Deleted'] });
  await backend.expunge(ALICE, handle, uids);
}
