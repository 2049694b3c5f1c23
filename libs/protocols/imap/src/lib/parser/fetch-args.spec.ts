import { describe, expect, it } from 'vitest';
import type { ImapValue } from './imap-value';
import { parseFetchAttributes, parseFetchModifiers } from './fetch-args';

const atom = (value: string): ImapValue => ({ kind: 'atom', value });
const list = (...items: string[]): ImapValue => ({ kind: 'list', items: items.map(atom) });

describe('FETCH attribute parsing (RFC 3501 §6.4.5, §9 fetch-att)', () => {
  it('expands the macros', () => {
    expect(parseFetchAttributes(atom('fast')).items.map((i) => i.kind)).toEqual([
      'FLAGS',
      'INTERNALDATE',
      'RFC822.SIZE',
    ]);
    expect(parseFetchAttributes(atom('FULL')).items.map((i) => i.kind)).toContain('BODY');
    expect(() => parseFetchAttributes(list('ALL'))).toThrow('Unknown FETCH attribute');
  });

  it('parses sections with parts, specifiers, field lists and partials', () => {
    const [item] = parseFetchAttributes(atom('BODY.PEEK[1.2.HEADER.FIELDS.NOT (X-A "x-b")]<10.20>')).items;
    expect(item).toEqual({
      kind: 'section',
      section: {
        part: [1, 2],
        specifier: 'HEADER.FIELDS.NOT',
        fields: ['X-A', 'x-b'],
        partial: { offset: 10, length: 20 },
      },
      label: 'BODY[1.2.HEADER.FIELDS.NOT (X-A X-B)]<10>',
      peek: true,
    });
    expect(parseFetchAttributes(atom('body[3.MIME]')).items[0]).toMatchObject({
      section: { part: [3], specifier: 'MIME' },
      label: 'BODY[3.MIME]',
      peek: false,
    });
    expect(parseFetchAttributes(atom('BODY[]')).items[0]).toMatchObject({ section: { part: [], specifier: 'ALL' } });
  });

  it('maps the RFC822 forms to sections answered under their own names', () => {
    const items = parseFetchAttributes(list('RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'uid')).items;
    expect(items.map((i) => (i.kind === 'section' ? [i.label, i.section.specifier, i.peek] : i.kind))).toEqual([
      ['RFC822', 'ALL', false],
      ['RFC822.HEADER', 'HEADER', true],
      ['RFC822.TEXT', 'TEXT', false],
      'UID',
    ]);
  });

  it('refuses malformed sections', () => {
    for (const bad of ['BODY[0]', 'BODY[MIME]', 'BODY[1.]', 'BODY[.1]', 'BODY[TEXT (A)]', 'BODY[HEADER.FIELDS ()]']) {
      expect(() => parseFetchAttributes(atom(bad)), bad).toThrow();
    }
    expect(() => parseFetchAttributes(atom('BODY[HEADER.FIELDS (a:b)]'))).toThrow('Invalid header field name');
    expect(() => parseFetchAttributes(atom('BODY[]<1.0>'))).toThrow();
    expect(() => parseFetchAttributes({ kind: 'list', items: [] })).toThrow();
  });

  it('parses CHANGEDSINCE and VANISHED modifiers (RFC 7162 §3.1.4, §3.2.6)', () => {
    expect(parseFetchModifiers([atom('CHANGEDSINCE'), atom('12345678901234'), atom('vanished')])).toEqual({
      changedSince: 12345678901234n,
      vanished: true,
    });
    expect(() => parseFetchModifiers([atom('CHANGEDSINCE')])).toThrow();
    expect(() => parseFetchModifiers([atom('PARTIAL'), atom('1:5')])).toThrow('Unknown FETCH modifier');
  });
});
