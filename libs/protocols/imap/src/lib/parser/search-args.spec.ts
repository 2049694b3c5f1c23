import { describe, expect, it } from 'vitest';
import { CommandArgs } from './command-args';
import { parseCommand } from './command-parser';
import { BadCharsetError, parseSearchCommand, parseSortCriteria, usesModseq, type SearchResolver } from './search-args';
import { resolveSequenceNumbers, resolveUids } from './sequence-set';

/** A mailbox of five messages with UIDs 10, 20, 30, 40, 50. */
const UIDS = [10, 20, 30, 40, 50];
const resolver: SearchResolver = {
  sequenceUids: (set) => resolveSequenceNumbers(set, UIDS.length).map((n) => UIDS[n - 1]),
  uidSetUids: (set) => resolveUids(set, UIDS),
};

function args(text: string): CommandArgs {
  const line = Buffer.from(`t SEARCH ${text}`);
  return new CommandArgs(parseCommand({ pieces: [line], literals: [] }).args);
}

const parse = (text: string, extended = true) => parseSearchCommand(args(text), resolver, extended);

describe('SEARCH arguments (RFC 3501 §6.4.4)', () => {
  it('ANDs top-level keys and maps flag keys', () => {
    expect(parse('SEEN UNFLAGGED').key).toEqual({
      kind: 'and',
      keys: [
        { kind: 'flag', flag: '\\Seen', set: true },
        { kind: 'flag', flag: '\\Flagged', set: false },
      ],
    });
    expect(parse('KEYWORD $Junk').key).toEqual({ kind: 'flag', flag: '$Junk', set: true });
    expect(parse('RECENT').key).toEqual({ kind: 'flag', flag: '\\Recent', set: true });
  });

  it('resolves message numbers and UID sets through the view', () => {
    expect(parse('2:3').key).toEqual({ kind: 'uid', uids: [20, 30] });
    expect(parse('4:*').key).toEqual({ kind: 'uid', uids: [40, 50] });
    expect(parse('UID 25:45').key).toEqual({ kind: 'uid', uids: [30, 40] });
    expect(parse('UID 60:*').key).toEqual({ kind: 'uid', uids: [50] });
  });

  it('nests OR, NOT and parenthesised groups', () => {
    expect(parse('OR (SEEN FROM "a b") NOT 1').key).toEqual({
      kind: 'or',
      left: {
        kind: 'and',
        keys: [
          { kind: 'flag', flag: '\\Seen', set: true },
          { kind: 'header', field: 'from', value: 'a b' },
        ],
      },
      right: { kind: 'not', key: { kind: 'uid', uids: [10] } },
    });
  });

  it('reads dates as calendar days and rejects impossible ones', () => {
    expect(parse('SINCE 1-Feb-1994').key).toEqual({ kind: 'date', field: 'internal', op: 'since', date: '1994-02-01' });
    expect(parse('SENTBEFORE "29-Feb-2024"').key).toEqual({
      kind: 'date',
      field: 'sent',
      op: 'before',
      date: '2024-02-29',
    });
    expect(() => parse('ON 29-Feb-2025')).toThrow('Invalid date');
    expect(() => parse('ON 2025-02-01')).toThrow('Invalid date');
  });

  it('reads HEADER, sizes and MODSEQ with and without the entry name', () => {
    expect(parse('HEADER X-Spam yes').key).toEqual({ kind: 'header', field: 'x-spam', value: 'yes' });
    expect(parse('LARGER 100').key).toEqual({ kind: 'size', op: 'larger', bytes: 100 });
    expect(parse('MODSEQ "/flags/\\\\draft" all 620162338').key).toEqual({ kind: 'modseq', modseq: 620162338n });
    expect(usesModseq(parse('NOT (SEEN MODSEQ 5)').key)).toBe(true);
    expect(usesModseq(parse('SEEN').key)).toBe(false);
    expect(() => parse('MODSEQ 99999999999999999999')).toThrow('Invalid mod-sequence');
    expect(() => parse('MODSEQ "/flags/x" own 5')).toThrow('Invalid entry-type-req');
  });

  it('reads RETURN options only for ESEARCH and CHARSET, refusing unknown charsets', () => {
    const parsed = parse('RETURN (COUNT MIN COUNT) CHARSET utf-8 ALL');
    expect(parsed.returnOptions).toEqual(['COUNT', 'MIN']);
    expect(parsed.charset).toBe('UTF-8');
    expect(parse('RETURN () ALL').returnOptions).toEqual([]);
    expect(parse('ALL').returnOptions).toBeNull();
    expect(() => parse('RETURN (MIN) ALL', false)).toThrow('Unknown search key RETURN');
    expect(() => parse('CHARSET ISO-2022-JP ALL')).toThrow(BadCharsetError);
  });

  it('refuses unknown keys, missing operands and trailing garbage', () => {
    expect(() => parse('FROB')).toThrow('Unknown search key FROB');
    expect(() => parse('OR SEEN')).toThrow('Missing argument');
    expect(() => parse('NOT')).toThrow('Missing argument');
    expect(() => parse('()')).toThrow('Empty search key list');
    expect(() => parse('"SEEN"')).toThrow('Expected a search key');
    expect(() => parse('UNKEYWORD \\Seen')).toThrow('KEYWORD takes a keyword');
  });
});

describe('SORT criteria (RFC 5256 §3)', () => {
  it('applies REVERSE to the next key only', () => {
    const list = args('(REVERSE DATE subject)').list();
    expect(parseSortCriteria(list)).toEqual([
      { key: 'DATE', reverse: true },
      { key: 'SUBJECT', reverse: false },
    ]);
    expect(() => parseSortCriteria(args('(REVERSE REVERSE DATE)').list())).toThrow('REVERSE twice');
    expect(() => parseSortCriteria(args('()').list())).toThrow('Incomplete sort criteria');
  });
});
