import { describe, expect, it } from 'vitest';
import { checkAddressList, createFieldsError, defaultDisplayName, deliveryError, limitsError } from './recipient-rules';

describe('recipient rules', () => {
  it('derives the display name from the names, else the alias', () => {
    expect(defaultDisplayName('John', 'Smith', 'jsmith')).toBe('John Smith');
    expect(defaultDisplayName(' Cher ', '', 'cher')).toBe('Cher');
    expect(defaultDisplayName('', '', 'sales')).toBe('sales');
  });

  it('keeps attributes to the kinds that have them', () => {
    expect(createFieldsError({ kind: 'contact', alias: 'c' })).toMatch(/targetAddress/);
    expect(createFieldsError({ kind: 'group', alias: 'g', password: 'x' })).toMatch(/only users have a password/);
    expect(createFieldsError({ kind: 'user', alias: 'u', memberIds: [] })).toMatch(/listed members/);
    expect(createFieldsError({ kind: 'query-group', alias: 'q' })).toMatch(/needs a queryFilter/);
    expect(createFieldsError({ kind: 'user', alias: 'u', targetAddress: 'a@b.example', mailboxStoreId: 'x' })).toMatch(
      /not both/,
    );
    expect(createFieldsError({ kind: 'group', alias: 'g', groupType: 'security', memberIds: [] })).toBeNull();
  });

  it('orders the storage limits', () => {
    expect(limitsError({ issueWarningKb: 10, prohibitSendKb: 20, prohibitSendReceiveKb: 30 })).toBeNull();
    expect(limitsError({ issueWarningKb: 10, prohibitSendKb: null, prohibitSendReceiveKb: 10 })).toBeNull();
    expect(limitsError({ issueWarningKb: 30, prohibitSendKb: 20, prohibitSendReceiveKb: null })).toMatch(
      /issueWarningKb \(30\) must not exceed prohibitSendKb/,
    );
    expect(limitsError({ issueWarningKb: 30, prohibitSendKb: null, prohibitSendReceiveKb: 20 })).toMatch(
      /must not exceed prohibitSendReceiveKb/,
    );
    expect(limitsError({ issueWarningKb: -1, prohibitSendKb: null, prohibitSendReceiveKb: null })).toMatch(
      /non-negative/,
    );
  });

  it('checks a hand-edited address list', () => {
    expect(checkAddressList([{ address: 'a@x.example', isPrimary: false }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/exactly one primary/),
    });
    expect(
      checkAddressList([
        { address: 'a@x.example', isPrimary: true },
        { address: 'A@X.EXAMPLE', isPrimary: false },
      ]),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    expect(checkAddressList([{ address: 'bad', isPrimary: true }])).toMatchObject({ ok: false });
    expect(checkAddressList([{ address: 'A@X.example', isPrimary: true }])).toEqual({
      ok: true,
      value: [{ address: 'A@x.example', key: 'a@x.example', isPrimary: true }],
    });
  });

  it('keeps mailbox and target address consistent with the kind', () => {
    expect(deliveryError('user', 's', null)).toBeNull();
    expect(deliveryError('user', null, 'a@b.example')).toBeNull();
    expect(deliveryError('user', null, null)).not.toBeNull();
    expect(deliveryError('contact', null, null)).not.toBeNull();
    expect(deliveryError('group', null, 'a@b.example')).not.toBeNull();
  });
});
