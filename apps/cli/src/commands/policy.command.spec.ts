import { describe, expect, it } from 'vitest';
import type { PolicyApplicationResult, RecipientPolicyDto } from '@estafette/contracts';
import { runAgainst, signedInApi } from '../testing/fake-api';

const POLICIES: RecipientPolicyDto[] = [
  {
    id: 'p1',
    name: 'Sales',
    priority: 1,
    isDefault: false,
    filter: { attribute: 'department', operator: 'equals', value: 'Sales' },
    addressTemplates: [
      { template: '%m@sales.example', primary: false },
      { template: '%g.%s@example.com', primary: true },
    ],
  },
  {
    id: 'p0',
    name: 'Default Policy',
    priority: 2,
    isDefault: true,
    filter: null,
    addressTemplates: [{ template: '%m@example.com', primary: true }],
  },
];

const RESULT: PolicyApplicationResult = {
  recipientsChecked: 12,
  recipientsUpdated: 3,
  addressesAdded: 4,
  addressesRemoved: 1,
};

describe('estafette policy', () => {
  it('lists policies with the primary template first and the filter in words', async () => {
    const run = await runAgainst(signedInApi().json('GET', '/api/recipient-policies', POLICIES), ['policy', 'list']);
    expect(run.stdout).toBe(
      [
        'NAME            PRIORITY  ADDRESSES                             APPLIES TO                 ID',
        'Sales                  1  *%g.%s@example.com, %m@sales.example  department equals "Sales"  p1',
        'Default Policy   default  *%m@example.com                       all recipients             p0',
        '',
      ].join('\n'),
    );
  });

  it('applies every policy', async () => {
    const api = signedInApi().json('POST', '/api/recipient-policies/apply', RESULT);
    const run = await runAgainst(api, ['policy', 'apply']);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'applied all recipient policies: 12 recipients checked, 3 updated, 4 addresses added, 1 removed\n',
    });
  });

  it('applies one policy named in any case, and refuses an unknown one', async () => {
    const api = signedInApi()
      .json('GET', '/api/recipient-policies', POLICIES)
      .json('POST', '/api/recipient-policies/p1/apply', RESULT);
    const run = await runAgainst(api, ['policy', 'apply', 'sales', '--json']);
    expect(JSON.parse(run.stdout)).toEqual(RESULT);
    const unknown = await runAgainst(api, ['policy', 'apply', 'Marketing']);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'estafette: no recipient policy "Marketing" (estafette policy list lists them)\n',
    });
  });
});
