import { Readable } from 'node:stream';
import { QUEUE_NAMESPACE, type BlobStore, type MessageService } from '@estafette/store';

/** A crafted message: raw lines, flags and internal date. */
export interface CorpusMessage {
  readonly lines: readonly string[];
  readonly flags: readonly string[];
  readonly internalDate: string;
}

const TEAM = 'To: team@test.example';

/**
 * Twelve messages covering every SEARCH key: system flags and keywords, internal and sent dates (one Date:
 * header west of UTC, one message without Date:), sizes, decoded and encoded subjects, Cc, Bcc and an
 * extension header, multipart bodies, and a thread with subject variants for SORT and THREAD.
 */
export const SEARCH_CORPUS: readonly CorpusMessage[] = [
  {
    lines: [
      'From: Jane Doe <jane@example.com>',
      TEAM,
      'Subject: Quarterly figures',
      'Date: Mon, 2 Mar 2026 09:00:00 +0000',
      'Message-ID: <m1@example.com>',
      '',
      'The budget spreadsheet is attached.',
    ],
    flags: ['\\Seen'],
    internalDate: '2026-03-02T09:00:00Z',
  },
  {
    lines: [
      'From: Bob Builder <bob@example.org>',
      'To: jane@example.com',
      'Subject: Re: Quarterly figures',
      'Date: Mon, 2 Mar 2026 23:30:00 -0500',
      'Message-ID: <m2@example.org>',
      'In-Reply-To: <m1@example.com>',
      'References: <m1@example.com>',
      '',
      'Looks fine to me.',
    ],
    flags: ['\\Answered', '\\Flagged'],
    internalDate: '2026-03-03T05:00:00Z',
  },
  {
    lines: [
      'From: Carol <carol@example.net>',
      TEAM,
      'Cc: Dave <dave@example.com>',
      'Subject: =?UTF-8?Q?Caf=C3=A9_menu?=',
      'Date: Wed, 4 Mar 2026 12:00:00 +0100',
      'Message-ID: <m3@example.net>',
      'X-Priority: 1 (Highest)',
      '',
      'Lunch options for Friday.',
    ],
    flags: ['$Important'],
    internalDate: '2026-03-04T12:00:00Z',
  },
  {
    lines: [
      'From: eve@example.com',
      TEAM,
      'Bcc: secret.agent@example.com',
      'Subject: Meeting point',
      'Message-ID: <m4@example.com>',
      '',
      'Rendezvous at the harbour.',
    ],
    flags: ['\\Deleted'],
    internalDate: '2026-03-05T23:59:00Z',
  },
  {
    lines: [
      'From: Jane Doe <jane@example.com>',
      TEAM,
      'Subject: [list] Fwd: Holiday plans',
      'Date: Fri, 6 Mar 2026 08:00:00 +0000',
      'Message-ID: <m5@example.com>',
      '',
      ...Array.from({ length: 80 }, () => 'x'.repeat(76)),
    ],
    flags: ['\\Draft'],
    internalDate: '2026-03-06T08:00:00Z',
  },
  {
    lines: [
      'From: Frank <frank@example.org>',
      TEAM,
      'Subject: Holiday plans',
      'Date: Sat, 7 Mar 2026 10:00:00 +0000',
      'Message-ID: <m6@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'alpha beta',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p><b>gamma</b> delta</p>',
      '--b1--',
    ],
    flags: [],
    internalDate: '2026-03-07T10:00:00Z',
  },
  {
    lines: [
      'From: Grace <grace@example.com>',
      TEAM,
      'Date: Sun, 8 Mar 2026 10:00:00 +0000',
      'Message-ID: <m7@example.com>',
      'References: <m1@example.com> <m2@example.org>',
      '',
      'Third message in the thread, without a subject line.',
    ],
    flags: ['\\Seen', '$label1'],
    internalDate: '2026-03-08T10:00:00Z',
  },
  {
    lines: [
      'From: Heidi <heidi@example.com>',
      TEAM,
      'Subject: Re: Holiday plans',
      'Date: Sun, 8 Mar 2026 12:00:00 +0000',
      'Message-ID: <m8@example.com>',
      'In-Reply-To: <m6@example.org>',
      '',
      'The budgetary side is fine.',
    ],
    flags: ['\\Seen'],
    internalDate: '2026-03-09T00:00:00Z',
  },
  {
    lines: [
      'From: "Zed" <aaron@example.com>',
      TEAM,
      'Subject: apple',
      'Date: Sun, 1 Mar 2026 10:00:00 +0000',
      'Message-ID: <m9@example.com>',
      '',
      'Fruit.',
    ],
    flags: [],
    internalDate: '2026-03-10T00:00:00Z',
  },
  {
    lines: [
      'From: <Bob@Example.org>',
      TEAM,
      'Subject: Re: apple',
      'Date: Tue, 10 Mar 2026 10:00:00 +0000',
      'Message-ID: <m10@example.org>',
      'In-Reply-To: <m9@example.com>',
      '',
      'More fruit.',
    ],
    flags: [],
    internalDate: '2026-03-10T01:00:00Z',
  },
  {
    lines: [
      'From: mallory@example.com',
      TEAM,
      'Subject: Fw: apple',
      'Date: Wed, 11 Mar 2026 09:00:00 +0000',
      'Message-ID: <m11@example.com>',
      '',
      'Forwarded fruit.',
    ],
    flags: [],
    internalDate: '2026-03-11T09:00:00Z',
  },
  {
    lines: [
      'From: nina@example.com',
      TEAM,
      'Subject: Quarterly figures (fwd)',
      'Date: Thu, 12 Mar 2026 09:00:00 +0000',
      'Message-ID: <m12@example.com>',
      '',
      'See below.',
    ],
    flags: [],
    internalDate: '2026-03-12T09:00:00Z',
  },
];

/** Appends the corpus to a folder in order (UIDs 1 to 12), as IMAP APPEND would. */
export async function appendCorpus(
  blobs: BlobStore,
  messages: MessageService,
  folderId: string,
  corpus: readonly CorpusMessage[] = SEARCH_CORPUS,
): Promise<void> {
  for (const m of corpus) {
    const blob = await blobs.put(QUEUE_NAMESPACE, Readable.from([Buffer.from([...m.lines, ''].join('\r\n'))]));
    await messages.append(folderId, {
      blob,
      namespace: QUEUE_NAMESPACE,
      flags: m.flags,
      internalDate: new Date(m.internalDate),
    });
  }
}
