/**
 * RFC 4314 rights (§2.1): l lookup, r read, s keep seen, w write flags, i insert, p post, k create
 * subfolders, x delete folder, t delete messages, e expunge, a administer. The store keeps them canonical:
 * these letters in this order.
 */
export const ALL_RIGHTS = 'lrswipkxtea';

/** What the owner of a mailbox always holds on its folders. */
export const OWNER_RIGHTS = ALL_RIGHTS;

/**
 * The obsolete RFC 2086 letters, as RFC 4314 §2.1.1 maps them: "c" stands for k and x, "d" for x, t and e.
 * Accepted on input so that older clients can still share a folder.
 */
const OBSOLETE: Readonly<Record<string, string>> = { c: 'kx', d: 'xte' };

export class InvalidRightsError extends Error {}

/** Canonical form of a rights string: unknown letters refused, obsolete ones expanded, duplicates folded. */
export function normaliseRights(rights: string): string {
  const wanted = new Set<string>();
  for (const letter of rights) {
    if (ALL_RIGHTS.includes(letter)) wanted.add(letter);
    else if (OBSOLETE[letter]) for (const l of OBSOLETE[letter]) wanted.add(l);
    else throw new InvalidRightsError(`"${letter}" is not an access right (RFC 4314 rights: ${ALL_RIGHTS})`);
  }
  return [...ALL_RIGHTS].filter((l) => wanted.has(l)).join('');
}

/** Rights after an RFC 4314 SETACL modification: "+xy" adds, "-xy" removes, plain replaces. */
export function applyRightsChange(current: string, change: string): string {
  if (change.startsWith('+')) return normaliseRights(current + change.slice(1));
  if (change.startsWith('-')) {
    const removed = normaliseRights(change.slice(1));
    return [...current].filter((l) => !removed.includes(l)).join('');
  }
  return normaliseRights(change);
}

/** The union of several grants (a user's own row and the "anyone" row), canonical. */
export function unionRights(...grants: readonly string[]): string {
  return normaliseRights(grants.join(''));
}

export function hasRight(rights: string, letter: string): boolean {
  return rights.includes(letter);
}
