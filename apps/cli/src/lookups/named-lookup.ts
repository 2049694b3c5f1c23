import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';

export interface Named {
  id: string;
  name: string;
}

/**
 * The object an argument names, by id or by name (any case). `what` names the
 * kind of object in messages ("mailbox store"); `listCommand` tells where to look.
 */
export function pickByNameOrId<T extends Named>(
  items: readonly T[],
  ref: string,
  what: string,
  listCommand: string,
): T {
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

/**
 * id -> name of the objects a GET returns, to show names instead of ids to
 * people. Best effort: a listing the caller may not read leaves the ids.
 */
export async function namesById(api: ApiClient, path: string): Promise<Map<string, string>> {
  try {
    return new Map((await api.get<Named[]>(path)).map((item) => [item.id, item.name]));
  } catch {
    return new Map();
  }
}
