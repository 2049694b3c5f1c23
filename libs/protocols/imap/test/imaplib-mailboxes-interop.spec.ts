import { afterEach, describe, expect, it } from 'vitest';
import { PYTHON_PRELUDE, python } from '../src/testing/python-imaplib';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';
import { seedConversationsFor, seedShared } from '../src/testing/transcript-seeds';

/** imaplib logged in as alice over plain TCP (the fixture allows plaintext login). */
const ALICE_SESSION = `${PYTHON_PRELUDE}
m = imaplib.IMAP4('127.0.0.1', port)
m.login('alice', 'secret')`;

describe("Python's imaplib: folders, STATUS, SEARCH, SORT, THREAD, quota and ACL", () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('manages folders and reads their status the way a client script does', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedConversationsFor(fixture.backend);
    const out = await python(
      `${ALICE_SESSION}
print('create', m.create('Projects/2026')[0], m.create('Projects/2026')[0])
print('rename', m.rename('Projects/2026', 'Projects/Current')[0])
typ, data = m.list('""', '*')
print('list', typ, [d.decode() for d in data])
typ, data = m.list('Projects/', '%')
print('list-rel', [d.decode() for d in data])
print('unsub', m.unsubscribe('Projects')[0])
typ, data = m.lsub('""', '*')
print('lsub', [d.decode() for d in data])
typ, data = m.status('INBOX', '(MESSAGES UNSEEN UIDNEXT)')
print('status', typ, data[0].decode())
typ, data = m.namespace()
print('namespace', data[0].decode())
print('delete', m.delete('Projects/Current')[0])
typ, data = m.list('""', 'Projects*')
print('after', [d.decode() for d in data])
m.logout()
`,
      fixture.port,
    );
    expect(out.split('\n')).toEqual([
      'create OK NO',
      'rename OK',
      'list OK [\'(\\\\HasNoChildren) "/" "INBOX"\', \'(\\\\HasChildren) "/" "Projects"\', \'(\\\\HasNoChildren) "/" "Projects/Current"\']',
      'list-rel [\'(\\\\HasNoChildren) "/" "Projects/Current"\']',
      'unsub OK',
      'lsub [\'(\\\\HasNoChildren) "/" "INBOX"\', \'(\\\\HasNoChildren) "/" "Projects/Current"\']',
      'status OK "INBOX" (MESSAGES 7 UNSEEN 5 UIDNEXT 8)',
      'namespace (("" "/")) (("Other Users/" "/")) (("Public Folders/" "/"))',
      'delete OK',
      'after [\'(\\\\HasNoChildren) "/" "Projects"\']',
    ]);
    expect(fixture.errors).toEqual([]);
  });

  it('searches, sorts and threads with the methods imaplib has for them', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedConversationsFor(fixture.backend);
    const out = await python(
      `${ALICE_SESSION}
m.select('INBOX')
print('search', m.search(None, 'UNSEEN', 'UNDELETED')[1][0].decode())
print('search-or', m.search(None, '(OR FROM bob FROM carol)')[1][0].decode())
print('search-utf8', m.search('UTF-8', 'BODY', '"Eine"')[1][0].decode())
m.literal = 'Überraschung'.encode('utf-8')
print('search-literal', m.search('UTF-8', 'BODY')[1][0].decode())
typ, data = m.search('ISO-8859-1', 'ALL')
print('badcharset', typ, data[0].decode())
print('uid-search', m.uid('SEARCH', 'SINCE', '7-Feb-2025')[1][0].decode())
print('sort', m.sort('(SUBJECT)', 'UTF-8', 'ALL')[1][0].decode())
print('uid-sort', m.uid('SORT', '(REVERSE DATE)', 'UTF-8', 'ALL')[1][0].decode())
print('thread', m.thread('REFERENCES', 'UTF-8', 'ALL')[1][0].decode())
print('thread-os', m.thread('ORDEREDSUBJECT', 'UTF-8', 'ALL')[1][0].decode())
m.logout()
`,
      fixture.port,
    );
    expect(out.split('\n')).toEqual([
      'search 3 5 6 7',
      'search-or 2 3',
      'search-utf8 5',
      'search-literal 5',
      'badcharset NO [BADCHARSET (UTF-8 US-ASCII)] Charset ISO-8859-1 is not supported',
      'uid-search 5 6 7',
      'sort 6 7 3 5 1 2 4',
      'uid-sort 7 6 4 3 2 1 5',
      'thread (1 2 4)(3 5)((6)(7))',
      'thread-os (5 3)(1 (2)(4))(6 7)',
    ]);
  });

  it('reads quotas and manages ACLs, and sees a folder shared by another user', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedShared(fixture.backend);
    const out = await python(
      `${ALICE_SESSION}
typ, data = m.getquotaroot('INBOX')
print('quotaroot', typ, [d.decode() for d in data[0]], [d.decode() for d in data[1]])
print('quota', m.getquota('""')[1][0].decode())
typ, data = m.setquota('""', '(STORAGE 1)')
print('setquota', typ, data[0].decode())
print('myrights', m.myrights('INBOX')[1][0].decode())
print('setacl', m.setacl('INBOX', 'carol', 'lrs')[0])
print('getacl', m.getacl('INBOX')[1][0].decode())
print('deleteacl', m.deleteacl('INBOX', 'carol')[0])
print('shared', [d.decode() for d in m.list('"Other Users/"', '*')[1]])
print('shared-rights', m.myrights('"Other Users/carol/INBOX"')[1][0].decode())
typ, data = m.select('"Other Users/carol/INBOX"', readonly=True)
print('shared-select', typ, data[0].decode())
m.logout()
`,
      fixture.port,
    );
    expect(out.split('\n')).toEqual([
      'quotaroot OK [\'"INBOX" ""\'] [\'"" (STORAGE 0 102400)\']',
      'quota "" (STORAGE 0 102400)',
      'setquota NO [NOPERM] Quotas are set by the administrator',
      'myrights "INBOX" lrswipkxtecda',
      'setacl OK',
      'getacl "INBOX" alice lrswipkxtecda carol lrs',
      'deleteacl OK',
      'shared [\'(\\\\Noselect \\\\HasChildren) "/" "Other Users/carol"\', \'(\\\\HasNoChildren) "/" "Other Users/carol/INBOX"\', \'(\\\\HasNoChildren) "/" "Other Users/carol/Team"\']',
      'shared-rights "Other Users/carol/INBOX" lr',
      'shared-select OK 1',
    ]);
  });
});
