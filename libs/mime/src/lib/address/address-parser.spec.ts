import { describe, expect, it } from 'vitest';
import { parseAddressList, parseMailbox } from './address-parser';
import type { Address, Mailbox } from './mailbox.model';

function list(input: string): Address[] {
  const result = parseAddressList(input);
  if (!result.ok) throw new Error(`${input}: ${result.error.message} at ${result.error.position}`);
  return result.value;
}

function single(input: string): Mailbox {
  const result = parseMailbox(input);
  if (!result.ok) throw new Error(`${input}: ${result.error.message} at ${result.error.position}`);
  return result.value;
}

describe('parseMailbox: addr-spec forms', () => {
  it('parses a plain dot-atom address', () => {
    expect(single('john.doe@example.com')).toEqual({
      kind: 'mailbox',
      localPart: 'john.doe',
      domain: 'example.com',
      domainAscii: 'example.com',
      domainUnicode: 'example.com',
      domainType: 'name',
      isInternational: false,
      address: 'john.doe@example.com',
    });
  });

  it('unquotes quoted local parts and keeps the quotes in the canonical address', () => {
    const m = single('"john doe"@example.com');
    expect(m.localPart).toBe('john doe');
    expect(m.address).toBe('"john doe"@example.com');
  });

  it('handles the RFC 3696-style unusual quoted local part with escapes', () => {
    const m = single('"very.(),:;<>[]\\".VERY.\\"very@\\\\ \\"very\\".unusual"@strange.example.com');
    expect(m.localPart).toBe('very.(),:;<>[]".VERY."very@\\ "very".unusual');
    expect(m.domain).toBe('strange.example.com');
    expect(m.address).toBe('"very.(),:;<>[]\\".VERY.\\"very@\\\\ \\"very\\".unusual"@strange.example.com');
  });

  it('drops needless quoting from the canonical address', () => {
    expect(single('"john"@example.com').address).toBe('john@example.com');
    expect(single('"john"."doe"@example.com').localPart).toBe('john.doe');
  });

  it.each([
    'user(comment)@domain.com',
    '(comment)user@domain.com',
    'user@(comment)domain.com',
    'user@domain.com(comment)',
  ])('ignores comments in %s', (input) => {
    expect(single(input).address).toBe('user@domain.com');
  });

  it('accepts obsolete CFWS around dots (RFC 5322 §4.4)', () => {
    expect(single('john . doe @ example . com').address).toBe('john.doe@example.com');
  });

  it('lower-cases the domain but keeps the local part case', () => {
    expect(single('John.Doe@Example.COM').address).toBe('John.Doe@example.com');
  });

  it('parses IPv4 and IPv6 address literals', () => {
    expect(single('user@[136.173.24.11]')).toMatchObject({ domain: '[136.173.24.11]', domainType: 'ipv4' });
    expect(single('user@[IPv6:2001:db8::1]')).toMatchObject({ domain: '[IPv6:2001:db8::1]', domainType: 'ipv6' });
    expect(single('user@[ipv6:2001:0DB8:0:0::1]')).toMatchObject({
      domain: '[IPv6:2001:0db8:0:0::1]',
      domainAscii: '[IPv6:2001:db8::1]',
    });
  });

  it('parses internationalised addresses (RFC 6531/6532)', () => {
    expect(single('用户@例子.广告')).toMatchObject({
      localPart: '用户',
      domain: '例子.广告',
      domainAscii: 'xn--fsqu00a.xn--4rr70v',
      domainUnicode: '例子.广告',
      isInternational: true,
    });
    expect(single('Pelé@exämple.com')).toMatchObject({
      localPart: 'Pelé',
      domainAscii: 'xn--exmple-cua.com',
      isInternational: true,
      address: 'Pelé@exämple.com',
    });
    expect(single('pele@xn--exmple-cua.com')).toMatchObject({ domainUnicode: 'exämple.com', isInternational: false });
  });
});

describe('parseMailbox: name-addr forms', () => {
  it('reads a quoted display name', () => {
    expect(single('"Joe Q. Public" <john.q.public@example.com>')).toMatchObject({
      displayName: 'Joe Q. Public',
      address: 'john.q.public@example.com',
    });
  });

  it('reads atoms and obs-phrase dots as the display name', () => {
    expect(single('John Q. Public <jqp@example.com>').displayName).toBe('John Q. Public');
    expect(single('  Ed   Jones  <c@a.test>').displayName).toBe('Ed Jones');
  });

  it('decodes RFC 2047 encoded-words', () => {
    expect(single('=?UTF-8?Q?Andr=C3=A9?= <andre@example.com>').displayName).toBe('André');
    expect(single('=?utf-8?b?0JjQstCw0L0=?= <ivan@example.com>').displayName).toBe('Иван');
    expect(single('=?ISO-8859-1?Q?Fran=E7ois?= Dupont <f@example.com>').displayName).toBe('François Dupont');
    expect(single('"=?UTF-8?Q?Andr=C3=A9?=" <andre@example.com>').displayName).toBe('André');
  });

  it('treats RFC 6532 raw UTF-8 display names as text', () => {
    expect(single('Zoë Ørsted <zoe@example.com>').displayName).toBe('Zoë Ørsted');
  });

  it('parses the RFC 5322 appendix A.5 example with comments everywhere', () => {
    expect(single('Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>')).toMatchObject({
      displayName: 'Pete',
      localPart: 'pete',
      domain: 'silly.test',
    });
  });

  it('accepts an angle address without display name', () => {
    const m = single('<user@example.com>');
    expect(m.address).toBe('user@example.com');
    expect(m).not.toHaveProperty('displayName');
  });

  it('treats an empty quoted display name as none', () => {
    expect(single('"" <user@example.com>')).not.toHaveProperty('displayName');
  });

  it('drops an obsolete source route', () => {
    expect(single('<@a.example,@b.example:user@domain.com>').address).toBe('user@domain.com');
    expect(single('Joe <@a.example,,@b.example:user@domain.com>').displayName).toBe('Joe');
  });

  it('rejects a group or a second mailbox', () => {
    expect(parseMailbox('G: a@b.com;').ok).toBe(false);
    expect(parseMailbox('a@b.com, c@d.com').ok).toBe(false);
  });
});

describe('parseAddressList', () => {
  it('parses several mailboxes and tolerates empty elements', () => {
    expect(list('a@x.test, , "B" <b@y.test>,').map((a) => (a.kind === 'mailbox' ? a.address : a.name))).toEqual([
      'a@x.test',
      'b@y.test',
    ]);
  });

  it('parses the RFC 5322 appendix A.1.3 group', () => {
    const [group] = list('A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;');
    expect(group).toMatchObject({
      kind: 'group',
      name: 'A Group',
      members: [
        { displayName: 'Ed Jones', address: 'c@a.test' },
        { address: 'joe@where.test' },
        { displayName: 'John', address: 'jdoe@one.test' },
      ],
    });
  });

  it('parses empty groups', () => {
    expect(list('Undisclosed recipients:;')).toEqual([{ kind: 'group', name: 'Undisclosed recipients', members: [] }]);
    expect(list('undisclosed-recipients:;')).toEqual([{ kind: 'group', name: 'undisclosed-recipients', members: [] }]);
  });

  it('mixes groups and mailboxes', () => {
    expect(list('Team: a@x.test, b@y.test;, c@z.test').map((a) => a.kind)).toEqual(['group', 'mailbox']);
  });

  it('parses folded header values', () => {
    expect(list('"Joe" <a@x.test>,\r\n "Ann"\r\n\t<b@y.test>')).toHaveLength(2);
  });
});

describe('invalid input', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['john.example.com', "Missing '@'"],
    ['john@', 'Missing domain'],
    ['@example.com', 'Missing local part'],
    ['john..doe@example.com', 'Consecutive dots in local part'],
    ['.john@example.com', "must not start with '.'"],
    ['john.@example.com', "must not end with '.'"],
    ['john@example..com', 'Consecutive dots in domain'],
    ['john@.example.com', "Domain must not start with '.'"],
    ['john@example.com.', "Domain must not end with '.'"],
    ['"john@example.com', 'Unterminated quoted string'],
    ['john(doe@example.com', 'Unterminated comment'],
    ['john)doe@example.com', "Unbalanced ')'"],
    ['john@[1.2.3.4', 'Unterminated domain literal'],
    ['Joe <john@example.com', "missing '>'"],
    ['Joe john@example.com>', 'Unexpected word in local part'],
    ['Joe <john@example.com>>', "Expected ','"],
    ['john@[1.2.3.256]', 'Invalid IPv4 address literal'],
    ['john@[IPv6:2001:db8::g]', 'Invalid IPv6 address literal'],
    ['john@[2001:db8::1]', "needs the 'IPv6:' tag"],
    ['john@[x400:foo]', 'Unsupported address literal tag'],
    [`${'a'.repeat(65)}@example.com`, 'Local part exceeds 64 octets'],
    [`${'é'.repeat(33)}@example.com`, 'Local part exceeds 64 octets'],
    [`john@${'a'.repeat(64)}.com`, 'Domain label exceeds 63 octets'],
    [`john@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(55)}.com`, 'Address exceeds 254 octets'],
    ['john@exa_mple.com', 'letters, digits and inner hyphens'],
    ['john@-example.com', 'letters, digits and inner hyphens'],
    ['john@192.168.0.1', 'all-numeric'],
    ['john@xn--zz.com', 'Invalid internationalised domain name'],
    ['john doe@example.com', 'Unexpected word in local part'],
    ['john\u0007@example.com', 'Control character'],
    ['"john\u0000"@example.com', 'Control character'],
    ['"a\tb"@example.com', 'SMTP cannot carry'],
    ['john@"example".com', 'quoted string'],
    ['<>', "Empty address '<>'"],
    ['a@b.com c@d.com', "Expected ','"],
    ['Team: a@x.test', "missing its terminating ';'"],
    ['Outer: Inner: a@x.test;;', 'groups cannot be nested'],
    [': a@x.test;', 'A group needs a name'],
    ['a@x.test, <', 'Expected an address after'],
    ['John Smith', "Expected '<'"],
  ])('rejects %j (%s)', (input, message) => {
    const result = parseAddressList(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message.toLowerCase()).toContain(message.toLowerCase());
      expect(result.error.position).toBeGreaterThanOrEqual(0);
      expect(result.error.position).toBeLessThanOrEqual(input.length);
    }
  });

  it('reports the position of the offending token', () => {
    expect(parseAddressList('a@x.test, b..c@y.test')).toEqual({
      ok: false,
      error: { message: 'Consecutive dots in local part', position: 12 },
    });
  });

  it('never throws on non-string input from untyped callers', () => {
    expect(parseAddressList(undefined as unknown as string).ok).toBe(false);
    expect(parseMailbox(42 as unknown as string).ok).toBe(false);
  });
});
