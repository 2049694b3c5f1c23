import { describe, expect, it } from 'vitest';
import { CommandSyntaxError, parseCommand } from './command-parser';

function parse(line: string, literals: string[] = []) {
  const pieces = line.split('\n').map((p) => Buffer.from(p));
  return parseCommand({ pieces, literals: literals.map((l) => Buffer.from(l)) });
}

describe('parseCommand', () => {
  it('reads tag, upper-cased name and the UID prefix', () => {
    expect(parse('A001 uid fetch 1:* FLAGS')).toEqual({
      tag: 'A001',
      name: 'FETCH',
      uid: true,
      args: [
        { kind: 'atom', value: '1:*' },
        { kind: 'atom', value: 'FLAGS' },
      ],
    });
  });

  it('parses quoted strings with escapes, NIL, lists and literals', () => {
    const command = parse('t ID ("a\\"b" NIL ("x\\\\y")) {3}\n', ['abc']);
    expect(command.args).toEqual([
      {
        kind: 'list',
        items: [
          { kind: 'string', value: Buffer.from('a"b'), form: 'quoted' },
          { kind: 'nil' },
          { kind: 'list', items: [{ kind: 'string', value: Buffer.from('x\\y'), form: 'quoted' }] },
        ],
      },
      { kind: 'string', value: Buffer.from('abc'), form: 'literal' },
    ]);
  });

  it('keeps section specs with spaces and parentheses in one atom', () => {
    const command = parse('t FETCH 1 (BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100> UID)');
    expect(command.args[1]).toEqual({
      kind: 'list',
      items: [
        { kind: 'atom', value: 'BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>' },
        { kind: 'atom', value: 'UID' },
      ],
    });
  });

  it('accepts flags starting with a backslash and UTF-8 in quoted strings', () => {
    expect(parse('t STORE 1 +FLAGS (\\Seen)').args[2]).toEqual({
      kind: 'list',
      items: [{ kind: 'atom', value: '\\Seen' }],
    });
    expect(parse('t LOGIN "jürgen" x').args[0]).toMatchObject({ value: Buffer.from('jürgen') });
  });

  it.each([
    ['t LOGIN "open', 'Unterminated quoted string'],
    ['t X (a b', 'Unterminated list'],
    ['t X a]', 'Unbalanced "]"'],
    ['t X BODY[', 'Unbalanced "["'],
    ['t X  a', 'Empty atom'],
    ['t X "a\\n"', 'Invalid escape in quoted string'],
    ['t X {3}', 'Literal marker not at end of line'],
    ['t X ' + '('.repeat(17) + ')'.repeat(17), 'Lists nested too deeply'],
  ])('refuses %s', (line, message) => {
    expect(() => parse(line)).toThrow(new CommandSyntaxError('t', message));
    try {
      parse(line);
    } catch (error) {
      expect((error as CommandSyntaxError).tag).toBe('t');
    }
  });

  it('has no tag for a line without one', () => {
    expect(() => parse('+x NOOP')).toThrow(CommandSyntaxError);
    try {
      parse('*');
    } catch (error) {
      expect((error as CommandSyntaxError).tag).toBeNull();
    }
  });

  it('refuses NUL in a literal but allows it in literal8', () => {
    expect(() => parse('t APPEND INBOX {2}\n', ['a\0'])).toThrow('NUL in literal');
    expect(parse('t APPEND INBOX ~{2}\n', ['a\0']).args[1]).toMatchObject({ form: 'literal8' });
  });
});
