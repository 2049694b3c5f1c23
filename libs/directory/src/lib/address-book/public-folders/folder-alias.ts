/** An RFC 5322 dot-atom (§3.2.3): the local part of the folder's address is the alias as it is. */
export const FOLDER_ALIAS_PATTERN = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
export const FOLDER_ALIAS_MAX_LENGTH = 64;

export function isValidAlias(alias: string): boolean {
  return alias.length <= FOLDER_ALIAS_MAX_LENGTH && FOLDER_ALIAS_PATTERN.test(alias);
}

/**
 * The alias Exchange would propose for a folder: its name without spaces and
 * without characters an address cannot carry (accents are folded, so
 * 'Équipe Ventes' gives 'EquipeVentes'). Empty when nothing usable is left.
 */
export function aliasFromName(name: string): string {
  const folded = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const atoms = folded
    .replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '')
    .split('.')
    .filter((atom) => atom.length > 0);
  return atoms.join('.').slice(0, FOLDER_ALIAS_MAX_LENGTH).replace(/\.+$/, '');
}
