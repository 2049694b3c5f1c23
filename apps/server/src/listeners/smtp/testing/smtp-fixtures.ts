import type { RecipientDto } from '@estafette/contracts';
import type { ApiClient } from '../../../testing/test-server';

export const PASSWORD = 'Smtp-Passw0rd!';

/** A user with a mailbox and a password; addresses from the default policy (<alias>@test.example). */
export async function createUser(
  admin: ApiClient,
  alias: string,
  extra: Record<string, unknown> = {},
): Promise<RecipientDto> {
  const res = await admin.post<RecipientDto>('/api/recipients', {
    kind: 'user',
    alias,
    firstName: alias[0].toUpperCase() + alias.slice(1),
    lastName: 'Tester',
    password: PASSWORD,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`creating ${alias} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function updateRecipient(
  admin: ApiClient,
  id: string,
  changes: Record<string, unknown>,
): Promise<RecipientDto> {
  const res = await admin.patch<RecipientDto>(`/api/recipients/${id}`, changes);
  if (res.status !== 200) throw new Error(`updating ${id} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls until `check` passes (listeners follow the directory every few seconds). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
