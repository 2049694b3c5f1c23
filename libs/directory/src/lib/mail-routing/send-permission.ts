/**
 * How an authenticated user may use an address as the author of a message (Exchange 2003 §3.2:
 * Send As lives on the owner's security tab, Send on Behalf on its Delivery Options):
 * - 'own': the address is one of the user's own addresses;
 * - 'send-as': the owner granted the user Send As: the message looks as if the owner wrote it;
 * - 'send-on-behalf': the owner granted Send on Behalf: the message must carry a Sender header naming the user;
 * - null: none of these, the submission is refused (553 5.7.1).
 */
export type SendPermission = 'own' | 'send-as' | 'send-on-behalf' | null;

/** What the decision needs to know of the address's owner. */
export interface AddressOwnerGrants {
  ownerId: string;
  sendAsIds: readonly string[];
  sendOnBehalfIds: readonly string[];
}

/**
 * The permission of `principalId` (plus the groups it belongs to, which can hold grants too) over an
 * address owned by `owner`. Send As wins over Send on Behalf when both were granted.
 */
export function sendPermission(
  owner: AddressOwnerGrants,
  principalId: string,
  principalGroupIds: ReadonlySet<string> = new Set(),
): SendPermission {
  if (owner.ownerId === principalId) return 'own';
  const holds = (ids: readonly string[]) => ids.some((id) => id === principalId || principalGroupIds.has(id));
  if (holds(owner.sendAsIds)) return 'send-as';
  if (holds(owner.sendOnBehalfIds)) return 'send-on-behalf';
  return null;
}
