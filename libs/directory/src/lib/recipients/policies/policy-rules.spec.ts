import { describe, expect, it } from 'vitest';
import type { FilterableRecipient } from '../../filters/recipient-filter.matcher';
import { checkAddressTemplates, choosePolicy } from './policy-rules';

const recipient: FilterableRecipient = {
  kind: 'user',
  alias: 'jsmith',
  displayName: 'John Smith',
  firstName: 'John',
  lastName: 'Smith',
  title: '',
  department: 'Sales',
  company: '',
  office: '',
  primarySmtpAddress: null,
  containerId: 'c1',
  mailboxStoreId: null,
};

describe('policy rules', () => {
  it('needs exactly one primary template and puts it first', () => {
    expect(checkAddressTemplates([])).toMatchObject({ ok: false });
    expect(checkAddressTemplates([{ template: '%m@a.example', primary: false }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/exactly one primary/),
    });
    expect(
      checkAddressTemplates([
        { template: '%m@a.example', primary: true },
        { template: '%g@a.example', primary: true },
      ]),
    ).toMatchObject({ ok: false });
    expect(
      checkAddressTemplates([
        { template: '%m@B.example', primary: false },
        { template: '%g.%s@A.Example', primary: true },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { template: '%g.%s@a.example', primary: true },
        { template: '%m@b.example', primary: false },
      ],
    });
  });

  it('refuses invalid and duplicate templates', () => {
    expect(checkAddressTemplates([{ template: '%q@a.example', primary: true }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown variable/),
    });
    expect(
      checkAddressTemplates([
        { template: '%m@a.example', primary: true },
        { template: '%m@A.EXAMPLE', primary: false },
      ]),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
  });

  it('picks the first matching policy, the default one last', () => {
    const policies = [
      {
        id: 'eng',
        isDefault: false,
        filter: { attribute: 'department' as const, operator: 'equals' as const, value: 'engineering' },
      },
      {
        id: 'sales',
        isDefault: false,
        filter: { attribute: 'department' as const, operator: 'equals' as const, value: 'SALES' },
      },
      { id: 'default', isDefault: true, filter: null },
    ];
    expect(choosePolicy(policies, recipient)?.id).toBe('sales');
    expect(choosePolicy(policies, { ...recipient, department: 'Legal' })?.id).toBe('default');
    expect(choosePolicy([], recipient)).toBeNull();
  });
});
