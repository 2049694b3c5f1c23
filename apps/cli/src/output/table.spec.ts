import { describe, expect, it } from 'vitest';
import { cellText, formatProperties, formatTable } from './table';

describe('formatTable', () => {
  const columns = [
    { header: 'Alias', value: (r: { alias: string; size: number | null }) => r.alias },
    { header: 'Size', value: (r: { alias: string; size: number | null }) => r.size, align: 'right' as const },
  ];

  it('aligns columns on the widest cell, headers in capitals, without trailing spaces', () => {
    const text = formatTable(
      [
        { alias: 'administrator', size: 5 },
        { alias: 'bob', size: 12345 },
      ],
      columns,
    );
    expect(text).toBe(['ALIAS           SIZE', 'administrator      5', 'bob            12345', ''].join('\n'));
  });

  it('pads the last left-aligned column without trailing blanks', () => {
    const text = formatTable(
      [
        { a: 'x', b: 'long value' },
        { a: 'yy', b: 'v' },
      ],
      [
        { header: 'A', value: (r: { a: string; b: string }) => r.a },
        { header: 'B', value: (r: { a: string; b: string }) => r.b },
      ],
    );
    expect(text.split('\n').every((line) => line === line.trimEnd())).toBe(true);
    expect(text).toBe('A   B\nx   long value\nyy  v\n');
  });

  it('counts characters, not bytes, so accented names stay aligned', () => {
    const text = formatTable(
      [
        { alias: 'zoë', size: 1 },
        { alias: 'jo', size: 2 },
      ],
      columns,
    );
    expect(text.split('\n')[1]).toBe('zoë       1');
    expect(text.split('\n')[2]).toBe('jo        2');
  });

  it('prints only the header for no rows', () => {
    expect(formatTable([], columns)).toBe('ALIAS  SIZE\n');
  });
});

describe('cellText', () => {
  it('shows missing values as a dash and booleans as yes/no', () => {
    expect([null, undefined, '', true, false, 0].map(cellText)).toEqual(['-', '-', '-', 'yes', 'no', '0']);
  });

  it('keeps a cell on one line and drops terminal control characters', () => {
    expect(cellText('two\r\nlines')).toBe('two lines');
    expect(cellText('evil\u001b[2Jname')).toBe('evil [2Jname');
  });
});

describe('formatProperties', () => {
  it('aligns the values after the labels', () => {
    expect(
      formatProperties([
        ['Name', 'First Organization'],
        ['Max message size (KB)', 10240],
        ['Hidden', false],
      ]),
    ).toBe(
      [
        'Name:                   First Organization',
        'Max message size (KB):  10240',
        'Hidden:                 no',
        '',
      ].join('\n'),
    );
  });
});
