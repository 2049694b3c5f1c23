import { CliError } from '../cli-error';

export interface Named {
  id: string;
  name: string;
}

/**
 * The object an argument names, by id or by name (any case). `what` names the
 * kind of object in messages ("mailbox store"); `listCommand` tells where to look.
 */
export function pickByNameOrId<T extends Named>(items: readonly T[], ref: string, what: string, listCommand: string): T {
  const wanted = ref.trim();
  const byId = items.find((item) => item.id === wanted);
  if (byId) return byId;
  const lower = wanted.toLowerCase();
  const matches = items.filter((item) => item.name.toLowerCase() === lower);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new CliError(`${matches.length} ${what}s are called "${wanted}": name one by its id (${listCommand})`);
  }
  throw new CliError(`no ${what} "${wanted}" (${listCommand} lists them)`);
}
