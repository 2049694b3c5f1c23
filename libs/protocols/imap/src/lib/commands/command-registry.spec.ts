import { describe, expect, it } from 'vitest';
import { CommandRegistry } from './command-registry';
import { DEFAULT_COMMANDS } from './default-commands';
import { ok, type ImapCommandDefinition } from './imap-command';

describe('CommandRegistry', () => {
  it('refuses a name registered twice', () => {
    const noop: ImapCommandDefinition = { names: ['NOOP'], states: ['authenticated'], handle: async () => ok('x') };
    expect(() => new CommandRegistry([...DEFAULT_COMMANDS, noop])).toThrow('IMAP command NOOP registered twice');
  });

  it('derives capabilities from the definitions for each situation', () => {
    const registry = new CommandRegistry(DEFAULT_COMMANDS);
    const situation = { state: 'not-authenticated', secure: false, canStartTls: true, plaintextAuth: false } as const;
    expect(registry.capabilities(situation)).toEqual([
      'IMAP4rev1',
      'LITERAL+',
      'STARTTLS',
      'LOGINDISABLED',
      'SASL-IR',
      'ID',
    ]);
    const selected = registry.capabilities({ ...situation, state: 'selected', secure: true, canStartTls: false });
    expect(selected.slice(0, 3)).toEqual(['IMAP4rev1', 'LITERAL+', 'ID']);
    expect(selected).toEqual(expect.arrayContaining(['CONDSTORE', 'QRESYNC']));
    expect(selected).not.toContain('STARTTLS');
    expect(selected).not.toContain('SASL-IR');
  });
});
