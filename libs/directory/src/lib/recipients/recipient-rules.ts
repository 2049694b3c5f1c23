import type { CreateRecipientRequest, RecipientKind } from '@estafette/contracts';
import { normaliseEmailAddress, type NormalisedAddress } from './email-address';

/** 'First Last', or the alias when the recipient has no names (groups, contacts known by address). */
export function defaultDisplayName(firstName: string, lastName: string, alias: string): string {
  return [firstName.trim(), lastName.trim()].filter(Boolean).join(' ') || alias;
}

/** Which attributes each kind of recipient may carry on creation. */
export function createFieldsError(request: CreateRecipientRequest): string | null {
  const { kind } = request;
  if (kind !== 'user' && request.password !== undefined) return 'only users have a password';
  if (kind !== 'user' && request.mailboxStoreId) return 'only users have a mailbox store';
  if (kind !== 'group' && request.memberIds !== undefined)
    return 'only distribution groups have listed members; query-based groups select theirs by filter';
  if (kind !== 'group' && request.groupType !== undefined) return 'only distribution groups have a group type';
  if (kind !== 'query-group' && request.queryFilter !== undefined) return 'only query-based groups have a query filter';
  if (kind === 'query-group' && !request.queryFilter) return 'a query-based group needs a queryFilter';
  if (kind === 'contact' && !request.targetAddress)
    return 'a contact needs a targetAddress (its external e-mail address)';
  if ((kind === 'group' || kind === 'query-group') && request.targetAddress) return 'groups have no target address';
  if (kind === 'user' && request.targetAddress && request.mailboxStoreId) {
    return 'a user either has a mailbox (mailboxStoreId) or is mail-enabled with a targetAddress, not both';
  }
  return null;
}

export interface StorageLimits {
  issueWarningKb: number | null;
  prohibitSendKb: number | null;
  prohibitSendReceiveKb: number | null;
}

/** Exchange's quota triplet must escalate: warning <= prohibit send <= prohibit send and receive. */
export function limitsError(limits: StorageLimits): string | null {
  const steps: Array<[string, number | null]> = [
    ['issueWarningKb', limits.issueWarningKb],
    ['prohibitSendKb', limits.prohibitSendKb],
    ['prohibitSendReceiveKb', limits.prohibitSendReceiveKb],
  ];
  for (const [name, value] of steps)
    if (value !== null && (!Number.isInteger(value) || value < 0)) return `${name} must be a non-negative integer`;
  const set = steps.filter((s): s is [string, number] => s[1] !== null);
  for (let i = 1; i < set.length; i++) {
    if (set[i - 1][1] > set[i][1])
      return `${set[i - 1][0]} (${set[i - 1][1]}) must not exceed ${set[i][0]} (${set[i][1]})`;
  }
  return null;
}

export interface WantedAddress extends NormalisedAddress {
  isPrimary: boolean;
}

export type AddressListCheck = { ok: true; value: WantedAddress[] } | { ok: false; error: string };

/** A hand-edited address list: valid SMTP addresses, no address twice, exactly one primary. */
export function checkAddressList(list: ReadonlyArray<{ address: string; isPrimary: boolean }>): AddressListCheck {
  const primaries = list.filter((a) => a.isPrimary).length;
  if (primaries !== 1)
    return { ok: false, error: `a recipient needs exactly one primary SMTP address, got ${primaries}` };
  const out: WantedAddress[] = [];
  for (const item of list) {
    const checked = normaliseEmailAddress(item.address);
    if (!checked.ok) return { ok: false, error: checked.error };
    if (out.some((a) => a.key === checked.value.key)) return { ok: false, error: `${item.address} is listed twice` };
    out.push({ ...checked.value, isPrimary: item.isPrimary });
  }
  return { ok: true, value: out };
}

/** Users either have a mailbox or deliver elsewhere; contacts always deliver elsewhere; groups do neither. */
export function deliveryError(
  kind: RecipientKind,
  mailboxStoreId: string | null,
  targetAddress: string | null,
): string | null {
  switch (kind) {
    case 'user':
      return (mailboxStoreId === null) === (targetAddress === null)
        ? 'a user has either a mailbox store or a target address (mail-enabled user)'
        : null;
    case 'contact':
      if (mailboxStoreId !== null) return 'a contact has no mailbox';
      return targetAddress === null ? 'a contact needs a target address' : null;
    case 'group':
    case 'query-group':
      return mailboxStoreId !== null || targetAddress !== null
        ? 'groups have neither a mailbox nor a target address'
        : null;
  }
}
