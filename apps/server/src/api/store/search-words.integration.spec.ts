import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWords } from '@estafette/store';
import { openTestDataSource } from '../../testing/test-database';

/**
 * The full-text index keeps a message's body as its words once each (searchWords): PostgreSQL's parser
 * must find the same lexemes in that as in the whole text, or a search would find another set of messages.
 */
describe('the words of a message body for the full-text index', () => {
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: db, close } = await openTestDataSource());
  });
  afterAll(async () => close());

  const lexemes = async (texts: string[]): Promise<string[][]> => {
    const rows = await db.query<Array<{ l: string[] }>>(
      `SELECT tsvector_to_array(to_tsvector('simple', t)) AS l FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
      [texts],
    );
    return rows.map((r) => r.l);
  };

  it('keeps each chunk once, in the order it first appears', () => {
    expect(searchWords('the cat\r\nsaw the  dog\tand the cat')).toBe('the cat saw dog and');
    expect(searchWords('  \r\n ')).toBe('');
    expect(searchWords('Word word. word')).toBe('Word word. word');
  });

  it('gives PostgreSQL the same words as the whole text, whatever the text', async () => {
    const chunk = fc.oneof(
      fc.constantFrom(
        'meeting',
        'Meeting',
        'MEETING',
        'réunion',
        'Übersicht',
        '会議',
        '🙂',
        'co-operate',
        'e-mail',
        "don't",
        'x-y-z',
        '-5',
        '3.14',
        '1,000',
        'v1.2.3',
        'jane@example.com',
        '<jane@example.com>',
        'https://example.com/a?b=c',
        'www.example.org',
        '/usr/local/bin',
        'C:\\Windows',
        '"quoted"',
        '(paren)',
        'foo_bar',
        'a/b',
        '&amp;',
        '<b>bold</b>',
        'snake_case_word',
        '--',
        '...',
        "'",
        'naïve',
        'ǅemal',
      ),
      fc.string({
        unit: fc.constantFrom('a', 'B', '1', '-', '.', '@', '/', ':', '_', "'", 'é', '\u00a0', '\u2009', '&', ';', '#'),
        minLength: 1,
        maxLength: 8,
      }),
    );
    const blank = fc.constantFrom(' ', '  ', '\t', '\r\n', '\n', ' \n ');
    const text = fc
      .array(fc.tuple(chunk, blank), { minLength: 0, maxLength: 40 })
      .map((parts) => parts.map(([c, b]) => c + b).join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (texts) => {
        const whole = await lexemes(texts);
        const words = await lexemes(texts.map(searchWords));
        expect(words).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });
});
