/**
 * Names of topology objects (groups, connectors, storage groups, stores, virtual servers).
 * Exchange kept them in Active Directory, where these characters are not allowed in a
 * common name or break LDAP/ESM paths; refusing them keeps names safe in LDAP DNs,
 * file paths and the console tree.
 */
export const TOPOLOGY_NAME_MAX_LENGTH = 64;
const FORBIDDEN = /[\\/"<>|*?:;]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a name is refused, or null when it is acceptable. */
export function topologyNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > TOPOLOGY_NAME_MAX_LENGTH)
    return `must be 1 to ${TOPOLOGY_NAME_MAX_LENGTH} characters`;
  if (name.trim() !== name) return 'must not start or end with spaces';
  if (FORBIDDEN.test(name)) return 'must not contain \\ / " < > | * ? : ;';
  if (CONTROL.test(name)) return 'must not contain control characters';
  return null;
}
