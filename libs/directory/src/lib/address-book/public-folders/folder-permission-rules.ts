import type { FolderPermissionDto, FolderPermissionRequest, FolderPrincipal } from '@estafette/contracts';
import { rightsOfRole } from './folder-rights';

/**
 * Client permissions of a folder created directly under the root, when the
 * root carries none (setup creates it bare). Exchange 2003 gives the Default
 * principal Author and Anonymous None on new top-level folders
 * (/work/shared/reference/exchange-2003.md §3.3: "Default ... historically
 * Author", "Anonymous ... historically None").
 */
export const TOP_LEVEL_DEFAULT_PERMISSIONS: readonly FolderPermissionDto[] = [
  { principal: 'default', recipientId: null, role: 'author' },
  { principal: 'anonymous', recipientId: null, role: 'none' },
];

const SPECIAL: readonly FolderPrincipal[] = ['default', 'anonymous'];

const keyOf = (e: FolderPermissionDto): string =>
  e.principal === 'recipient' ? `recipient:${e.recipientId}` : e.principal;

/** Default and Anonymous always have an entry, as in Exchange (they can be set to None, not removed). */
function withSpecialPrincipals(entries: FolderPermissionDto[]): FolderPermissionDto[] {
  const missing = SPECIAL.filter((p) => !entries.some((e) => e.principal === p)).map(
    (principal): FolderPermissionDto => ({ principal, recipientId: null, role: 'none' }),
  );
  return [...entries, ...missing];
}

/**
 * A new folder starts with a copy of its parent's entries (Exchange copies
 * them at creation only; later parent changes do not propagate), or the
 * top-level defaults when the parent has none, and its creator as Owner.
 */
export function permissionsForNewFolder(
  parent: readonly FolderPermissionDto[],
  ownerId: string | null,
): FolderPermissionDto[] {
  const base = parent.length > 0 ? parent : TOP_LEVEL_DEFAULT_PERMISSIONS;
  const copied = base.filter((e) => !(e.principal === 'recipient' && e.recipientId === ownerId)).map((e) => ({ ...e }));
  const owner: FolderPermissionDto[] = ownerId ? [{ principal: 'recipient', recipientId: ownerId, role: 'owner' }] : [];
  return withSpecialPrincipals([...copied, ...owner]);
}

/**
 * Checks a whole permission list sent by a client and completes it; returns
 * why it is unusable instead when it is. Every folder needs an Owner (§3.3).
 */
export function normalizePermissions(
  requested: readonly FolderPermissionRequest[],
): { entries: FolderPermissionDto[] } | { error: string } {
  const entries: FolderPermissionDto[] = [];
  const seen = new Set<string>();
  for (const [i, r] of requested.entries()) {
    const recipientId = r.recipientId ?? null;
    if (r.principal === 'recipient' && !recipientId) return { error: `[${i}] a recipient entry needs recipientId` };
    if (r.principal !== 'recipient' && recipientId) return { error: `[${i}] ${r.principal} takes no recipientId` };
    const entry: FolderPermissionDto = { principal: r.principal, recipientId, role: r.role };
    if (seen.has(keyOf(entry))) return { error: `[${i}] ${keyOf(entry)} is listed twice` };
    seen.add(keyOf(entry));
    entries.push(entry);
  }
  if (!entries.some((e) => e.role === 'owner')) return { error: 'a public folder needs at least one owner' };
  return { entries: withSpecialPrincipals(entries) };
}

/**
 * Internet mail reaches a mail-enabled folder as Anonymous, which therefore
 * needs Create items (§3.3); a role without it is raised to Contributor,
 * the least role that has it.
 */
export function ensureAnonymousCanPost(entries: readonly FolderPermissionDto[]): FolderPermissionDto[] {
  return withSpecialPrincipals([...entries]).map((e) =>
    e.principal === 'anonymous' && !rightsOfRole(e.role).createItems ? { ...e, role: 'contributor' } : { ...e },
  );
}
