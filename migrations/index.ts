import { Organisation1764300000000 } from './1764300000000-organisation';
import { Recipients1764300000100 } from './1764300000100-recipients';
import { PoliciesListsFolders1764300000200 } from './1764300000200-policies-lists-folders';
import { Security1764300000300 } from './1764300000300-security';
import { AddressBookIndexes1764300003001 } from './1764300003001-address-book-indexes';

/** Every migration, in the order they run. Append only: a landed migration is never edited. */
export const MIGRATIONS = [
  Organisation1764300000000,
  Recipients1764300000100,
  PoliciesListsFolders1764300000200,
  Security1764300000300,
  AddressBookIndexes1764300003001,
];
