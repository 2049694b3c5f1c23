import { afterEach, describe, expect, it } from 'vitest';
import { PYTHON_PRELUDE, python } from '../src/testing/python-imaplib';
import { seedSampleMailbox } from '../src/testing/sample-messages';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';

describe("Python's imaplib: select, fetch, store, copy, append, expunge", () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('works through a mailbox the way a client script does', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedSampleMailbox(fixture.backend);
    fixture.backend.addMailbox('alice', 'Archive');
    const out = await python(
      `${PYTHON_PRELUDE}
import email
m = imaplib.IMAP4('127.0.0.1', port)
m.login('alice', 'secret')
typ, data = m.select('INBOX')
print('select', typ, data[0].decode())
print('uidnext', m.response('UIDNEXT')[1][0].decode())
typ, data = m.fetch('1:*', '(UID FLAGS RFC822.SIZE)')
print('fetch', typ, len(data), data[2].decode())
typ, data = m.fetch('2', '(BODY.PEEK[HEADER] BODY.PEEK[2.1])')
headers = email.message_from_bytes(data[0][1])
print('subject', headers['Subject'], data[1][1].decode())
typ, data = m.uid('FETCH', '2', '(RFC822)')
msg = email.message_from_bytes(data[0][1])
print('parts', msg.is_multipart(), [p.get_content_type() for p in msg.walk()][:3])
typ, data = m.fetch('2', '(FLAGS)')
print('seen', data[0].decode())
typ, data = m.store('1:2', '+FLAGS', '(\\\\Flagged)')
print('store', typ, ' | '.join(d.decode() for d in data))
typ, data = m.uid('COPY', '1:3', 'Archive')
print('copy', typ)
typ, data = m.append('Archive', '(\\\\Seen)', imaplib.Time2Internaldate(1700000000), b'Subject: from python\\r\\n\\r\\nhello\\r\\n')
print('append', typ, data[0].decode().split(' ')[0], data[0].decode().split(' ')[2])
print('status', m.status('Archive', '(MESSAGES)')[1][0].decode())
m.store('1,3', '+FLAGS.SILENT', '(\\\\Deleted)')
typ, data = m.expunge()
print('expunge', typ, [d.decode() if d else d for d in data])
typ, data = m.fetch('1:*', '(UID)')
print('left', [d.decode() for d in data])
print('close', m.close()[0])
print('logout', m.logout()[0])
`,
      fixture.port,
    );
    expect(out.split('\n')).toEqual([
      'select OK 3',
      'uidnext 4',
      'fetch OK 3 3 (UID 3 FLAGS (\\Flagged $Important) RFC822.SIZE 45)',
      'subject Forwarded report Numbers are up.',
      "parts True ['multipart/mixed', 'text/plain', 'message/rfc822']",
      'seen 2 (FLAGS (\\Seen))',
      'store OK 1 (FLAGS (\\Seen \\Flagged)) | 2 (FLAGS (\\Seen \\Flagged))',
      'copy OK',
      'append OK [APPENDUID 4]',
      'status "Archive" (MESSAGES 4)',
      "expunge OK ['3', '1']",
      "left ['1 (UID 2)']",
      'close OK',
      'logout BYE',
    ]);
    expect(fixture.errors).toEqual([]);
  });
});
