import { afterEach, describe, expect, it } from 'vitest';
import { seedSampleMailbox } from '../../testing/sample-messages';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('FETCH / UID FETCH (RFC 3501 §6.4.5, RFC 7162)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  async function selected(command = 'SELECT') {
    const started = await startSession({ login: true });
    fixture = started.fixture;
    seedSampleMailbox(fixture.backend);
    await started.client.command(`s0 ${command} INBOX`);
    return started.client;
  }

  it('answers FAST and UID FETCH with UIDs, flags, dates and sizes', async () => {
    const client = await selected();
    expect(await client.command('f1 FETCH 1:2 FAST')).toEqual([
      '* 1 FETCH (FLAGS (\\Seen) INTERNALDATE " 1-Jan-2024 12:00:00 +0000" RFC822.SIZE 311)',
      expect.stringMatching(/^\* 2 FETCH \(FLAGS \(\) INTERNALDATE " 2-Jan-2024 12:00:00 \+0000" RFC822.SIZE \d+\)$/),
      'f1 OK FETCH completed',
    ]);
    expect(await client.command('f2 UID FETCH 3:* FLAGS')).toEqual([
      '* 3 FETCH (UID 3 FLAGS (\\Flagged $Important))',
      'f2 UID FETCH completed'.replace('f2 ', 'f2 OK '),
    ]);
    expect(await client.command('f3 UID FETCH 9:* UID')).toEqual(['* 3 FETCH (UID 3)', 'f3 OK UID FETCH completed']);
  });

  it('sends ENVELOPE with RFC 2047 names and groups, and BODYSTRUCTURE with extension data', async () => {
    const client = await selected();
    const [envelope] = await client.command('f1 FETCH 2 ENVELOPE');
    expect(envelope).toBe(
      '* 2 FETCH (ENVELOPE ("Tue, 8 Feb 1994 10:00:00 +0000" "Forwarded report" ' +
        '(("=?utf-8?B?SsO8cmdlbg==?=" NIL "juergen" "example.org")) ' +
        '(("=?utf-8?B?SsO8cmdlbg==?=" NIL "juergen" "example.org")) ' +
        '(("=?utf-8?B?SsO8cmdlbg==?=" NIL "juergen" "example.org")) ' +
        '((NIL NIL "alice" "example.com") ("Bob" NIL "bob" "example.com")) ' +
        '((NIL NIL "team" NIL) (NIL NIL "carol" "example.com") (NIL NIL NIL NIL)) NIL ' +
        '"<parent@example.org>" "<multi@example.org>"))',
    );
    const [structure] = await client.command('f2 FETCH 2 BODYSTRUCTURE');
    expect(structure).toMatch(
      /^\* 2 FETCH \(BODYSTRUCTURE \(\("text" "plain" \("charset" "utf-8"\) NIL NIL "8BIT" 24 1 NIL NIL NIL NIL\)\("message" "rfc822" NIL NIL NIL "7BIT" \d+ \(NIL "Weekly report" /,
    );
    expect(structure).toContain('"alternative" ("boundary" "inner") NIL NIL NIL) ');
    expect(structure).toContain(
      '("attachment" ("filename" "report.eml")) NIL NIL) "mixed" ("boundary" "outer") NIL NIL NIL))',
    );
    const [body] = await client.command('f3 FETCH 1 BODY');
    expect(body).toBe('* 1 FETCH (BODY ("text" "plain" ("charset" "us-ascii") NIL NIL "7BIT" 55 1))');
  });

  it('streams body sections as literals and sets \\Seen unless PEEK', async () => {
    const client = await selected();
    expect(await client.command('f1 FETCH 2 (BODY.PEEK[2.1] BODY.PEEK[HEADER.FIELDS (Subject)])')).toEqual([
      '* 2 FETCH (BODY[2.1] {15}',
      'Numbers are up. BODY[HEADER.FIELDS (SUBJECT)] {29}',
      'Subject: Forwarded report',
      '',
      ')',
      'f1 OK FETCH completed',
    ]);
    expect(await client.command('f2 FETCH 2 BODY[1]<4.3>')).toEqual([
      '* 2 FETCH (BODY[1]<4> {3}',
      'the FLAGS (\\Seen))',
      'f2 OK FETCH completed',
    ]);
    // The feed's echo of the \Seen change is not repeated.
    expect(await client.command('f3 NOOP')).toEqual(['f3 OK NOOP completed']);
    expect(await client.command('f4 FETCH 3 RFC822.HEADER')).toEqual([
      '* 3 FETCH (RFC822.HEADER {41}',
      'From: bob@example.com',
      'Subject: short',
      '',
      ')',
      'f4 OK FETCH completed',
    ]);
    expect((await client.command('f5 FETCH 3 RFC822'))[0]).toBe('* 3 FETCH (RFC822 {45}');
    expect(await client.command('f6 FETCH 3 FLAGS')).toEqual([
      '* 3 FETCH (FLAGS (\\Flagged $Important \\Seen))',
      'f6 OK FETCH completed',
    ]);
  });

  it('does not set \\Seen in a read-only session', async () => {
    const client = await selected('EXAMINE');
    await client.command('f1 FETCH 2 BODY[TEXT]');
    expect(await client.command('f2 FETCH 2 FLAGS')).toEqual(['* 2 FETCH (FLAGS ())', 'f2 OK FETCH completed']);
  });

  it('MODSEQ and CHANGEDSINCE (CONDSTORE), VANISHED needs QRESYNC', async () => {
    const client = await selected();
    expect(await client.command('m1 FETCH 1:* (FLAGS) (CHANGEDSINCE 2)')).toEqual([
      '* 2 FETCH (FLAGS () MODSEQ (3))',
      '* 3 FETCH (FLAGS (\\Flagged $Important) MODSEQ (4))',
      'm1 OK FETCH completed',
    ]);
    expect(await client.command('m2 FETCH 1 MODSEQ')).toEqual(['* 1 FETCH (MODSEQ (2))', 'm2 OK FETCH completed']);
    // Setting \Seen as a side effect reports the new MODSEQ to a CONDSTORE client.
    expect(await client.command('m2b FETCH 2 BODY[1]<0.3>')).toEqual([
      '* 2 FETCH (UID 2 BODY[1]<0> {3}',
      'See FLAGS (\\Seen) MODSEQ (5))',
      'm2b OK FETCH completed',
    ]);
    expect((await client.command('m3 UID FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)')).pop()).toBe(
      'm3 BAD QRESYNC is not enabled',
    );
    expect((await client.command('m4 FETCH 1:* FLAGS (VANISHED)')).pop()).toMatch(/^m4 BAD /);
  });

  it('refuses malformed attributes with BAD', async () => {
    const client = await selected();
    for (const bad of ['BODY[0]', 'BODY[MIME]', 'BODY[HEADER.FIELDS]', 'BODY[1.]', 'BODY[]<1>', 'FOO', '(ALL)', '()']) {
      expect((await client.command(`b1 FETCH 1 ${bad}`)).pop(), bad).toMatch(/^b1 BAD /);
    }
    expect((await client.command('b2 FETCH x FLAGS')).pop()).toMatch(/^b2 BAD /);
  });
});
