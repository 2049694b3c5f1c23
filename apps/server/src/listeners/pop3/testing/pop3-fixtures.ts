import { Readable } from 'node:stream';
import type { VirtualServerDto } from '@estafette/contracts';
import { BLOB_STORE, MAILBOX_DELIVERY, QUEUE_NAMESPACE, type BlobStore, type MailboxDelivery } from '@estafette/store';
import type { TestServer } from '../../../testing/test-server';
import { Pop3ListenerManager } from '../pop3-listener.manager';

/** Puts a message straight into a user's Inbox (or Junk E-mail), as local delivery does. */
export async function deliver(
  server: TestServer,
  recipientId: string,
  raw: string,
  folderRole: 'inbox' | 'junk' = 'inbox',
): Promise<void> {
  const blobs = server.app.get<BlobStore>(BLOB_STORE);
  const blob = await blobs.put(QUEUE_NAMESPACE, Readable.from([Buffer.from(raw)]));
  await server.app.get<MailboxDelivery>(MAILBOX_DELIVERY).deliver({ recipientId, blob, folderRole });
}

/** Changes the POP3 virtual server's settings and waits until the listeners have applied them. */
export async function configurePop3(server: TestServer, settings: Record<string, unknown>): Promise<void> {
  const admin = await server.login();
  const servers = await admin.get<Array<{ id: string; name: string }>>('/api/servers');
  const me = servers.body.find((s) => s.name === 'mail1.test.example');
  const list = await admin.get<VirtualServerDto[]>(`/api/servers/${me?.id}/virtual-servers`);
  const pop3 = list.body.find((vs) => vs.protocol === 'pop3');
  if (!pop3) throw new Error('no POP3 virtual server');
  const res = await admin.patch(`/api/virtual-servers/${pop3.id}`, { settings: { ...pop3.settings, ...settings } });
  if (res.status !== 200) throw new Error(`updating the POP3 virtual server failed: ${JSON.stringify(res.body)}`);
  await server.app.get(Pop3ListenerManager).refresh();
}

/** A small message with a line that must be byte-stuffed. */
export function sampleMessage(subject: string): string {
  return [
    'From: Sender <sender@test.example>',
    'To: someone@test.example',
    `Subject: ${subject}`,
    'Message-ID: <' + subject.replace(/\W/g, '') + '@test.example>',
    '',
    `Body of ${subject}.`,
    '.a line with a leading dot',
    'last line',
    '',
  ].join('\r\n');
}
