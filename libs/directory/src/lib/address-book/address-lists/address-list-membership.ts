import type { AddressListKind, RecipientFilter } from '@estafette/contracts';
import { compileRecipientFilter, type CompiledFilter } from '../../filters';

/**
 * Who belongs to an address list, decided at query time (no stored membership,
 * so a new or edited recipient shows up at once, as Exchange's dynamic lists do).
 */
export interface AddressListMembership {
  /**
   * A boolean SQL condition over the recipient table aliased `alias`, its
   * placeholders starting at $paramOffset+1; null when no recipient belongs.
   * The hidden-from-address-lists test is added by the query, for every list.
   */
  recipients: ((alias: string, paramOffset: number) => CompiledFilter) | null;
  /** Mail-enabled public folders (not hidden) belong too. */
  publicFolders: boolean;
}

const fixed =
  (condition: (alias: string) => string) =>
  (alias: string): CompiledFilter => ({ sql: condition(alias), params: [] });

/**
 * The kind tests are written exactly as the partial-index predicates of
 * migration 1764300003001, so the planner can prove the indexes apply.
 */
export function membershipOf(list: { kind: AddressListKind; filter: RecipientFilter | null }): AddressListMembership {
  switch (list.kind) {
    case 'global':
      return { recipients: fixed(() => 'true'), publicFolders: true };
    case 'all-users':
      return { recipients: fixed((r) => `${r}.kind = 'user'`), publicFolders: false };
    case 'all-contacts':
      return { recipients: fixed((r) => `${r}.kind = 'contact'`), publicFolders: false };
    case 'all-groups':
      return { recipients: fixed((r) => `${r}.kind IN ('group', 'query-group')`), publicFolders: false };
    case 'public-folders':
      return { recipients: null, publicFolders: true };
    case 'custom': {
      const filter = list.filter;
      // The schema requires a filter for custom lists; a missing one means no members, never everyone.
      if (!filter) return { recipients: null, publicFolders: false };
      return { recipients: (alias, offset) => compileRecipientFilter(filter, alias, offset), publicFolders: false };
    }
  }
}
