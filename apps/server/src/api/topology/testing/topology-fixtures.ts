import { DataSource } from 'typeorm';
import type { AdminRole } from '@estafette/contracts';
import { CredentialService } from '@estafette/security';
import type { ApiClient, TestServer } from '../../../testing/test-server';

export const DELEGATE_PASSWORD = 'Delegate-Passw0rd!';

/** Direct database access for setting up what the API cannot create (servers register themselves). */
function db(server: TestServer): DataSource {
  return server.app.get(DataSource);
}

async function insertUser(server: TestServer, alias: string, mailboxStoreId: string | null): Promise<string> {
  const [row] = await db(server).query<Array<{ id: string }>>(
    `INSERT INTO recipient (kind, container_id, alias, display_name, mailbox_store_id)
     SELECT 'user', id, $1, $1, $2 FROM recipient_container WHERE parent_id IS NULL AND lower(name) = 'users'
     RETURNING id`,
    [alias, mailboxStoreId],
  );
  return row.id;
}

/** A user holding one role (at organisation scope, or on one administrative group), signed in. */
export async function signInDelegate(
  server: TestServer,
  alias: string,
  role: AdminRole,
  administrativeGroupId: string | null = null,
): Promise<ApiClient> {
  const id = await insertUser(server, alias, null);
  await db(server).transaction(async (manager) => {
    await server.app.get(CredentialService).setPassword(manager, id, DELEGATE_PASSWORD);
    await manager.query(
      `INSERT INTO role_assignment (recipient_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)`,
      [id, role, administrativeGroupId ? 'administrative-group' : 'organization', administrativeGroupId],
    );
  });
  return server.login(alias, DELEGATE_PASSWORD);
}

/** A mailbox user homed on a store (what the recipients API will do). */
export function insertMailbox(server: TestServer, alias: string, storeId: string): Promise<string> {
  return insertUser(server, alias, storeId);
}

export async function deleteRecipient(server: TestServer, alias: string): Promise<void> {
  await db(server).query(`DELETE FROM recipient WHERE lower(alias) = lower($1)`, [alias]);
}

/** A Server object as another process would register it. */
export async function insertServer(
  server: TestServer,
  name: string,
  administrativeGroupId: string,
  routingGroupId: string,
): Promise<string> {
  const [row] = await db(server).query<Array<{ id: string }>>(
    `INSERT INTO server (name, administrative_group_id, routing_group_id, version) VALUES ($1, $2, $3, 'test') RETURNING id`,
    [name, administrativeGroupId, routingGroupId],
  );
  return row.id;
}

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  objectName: string;
  actorName: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The audit entries of one object, newest first. */
export async function auditOf(client: ApiClient, objectType: string, objectId: string): Promise<AuditEntry[]> {
  const res = await client.get<AuditEntry[]>(`/api/audit?objectType=${objectType}&objectId=${objectId}`);
  return res.body;
}

export interface FieldErrors {
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

/** The fields a 400 answer complains about. */
export function fieldsOf(body: unknown): string[] {
  return ((body as FieldErrors).errors ?? []).map((e) => e.field);
}

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
