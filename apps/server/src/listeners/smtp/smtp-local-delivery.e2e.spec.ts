import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientDto } from '@estafette/contracts';
import { FolderService, MessageService } from '@estafette/store';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { createUser, eventually, updateRecipient } from './testing/smtp-fixtures';
import { smtplib } from './testing/smtplib';

/**
 * Mail through a real SMTP session (Python's smtplib on port 25) all the way into the store: the
 * addresses the organisation answers for without a recipient of their own (postmaster) and mail-enabled
 * public folders.
 */
describe('SMTP to the store end to end (smtplib, real database)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let administratorId: string;
  let folders: FolderService;
  let messages: MessageService;

  const inboxSubjects = async (recipientId: string) => {
    const inbox = await folders.byRole(recipientId, 'inbox');
    return (await messages.list(inbox.id)).map((m) => m.subject);
  };
  const mail = (subject: string) => `From: someone@remote.example\r\nSubject: ${subject}\r\n\r\nHello.\r\n`;

  beforeAll(async () => {
    process.env['ESTAFETTE_QUEUE_POLL_MS'] = '200';
    server = await startTestServer();
    admin = await server.login();
    folders = server.app.get(FolderService);
    messages = server.app.get(MessageService);
    const session = await admin.get<{ recipientId: string }>('/api/auth/session');
    administratorId = session.body.recipientId;
  });
  afterAll(async () => server?.close());

  describe('postmaster (RFC 5321 §4.5.1)', () => {
    it('accepts RCPT TO:<postmaster> without a domain and delivers it to the administrator, like postmaster@domain', async () => {
      const py = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['postmaster', 'Postmaster@TEST.example'],
        body: mail('to the postmaster'),
      });
      expect(py.transaction.rcpt.map((r) => r.code)).toEqual([250, 250]);
      expect(py.transaction.data?.code).toBe(250);
      // Both envelope recipients reach the same mailbox: one copy (the categorizer's rule).
      await eventually(async () => expect(await inboxSubjects(administratorId)).toEqual(['to the postmaster']));

      const other = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['postmaster@elsewhere.example'],
      });
      expect(other.transaction.rcpt[0].code).toBe(554);
    });

    it('follows the address when a recipient is given postmaster@ of the primary domain', async () => {
      const ops: RecipientDto = await createUser(admin, 'ops');
      await updateRecipient(admin, ops.id, {
        emailAddresses: [
          ...ops.emailAddresses.map((a) => ({ address: a.address, isPrimary: a.isPrimary })),
          { address: 'postmaster@test.example', isPrimary: false },
        ],
      });
      const py = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['postmaster'],
        body: mail('for ops'),
      });
      expect(py.transaction.data?.code).toBe(250);
      await eventually(async () => expect(await inboxSubjects(ops.id)).toEqual(['for ops']));
      expect(await inboxSubjects(administratorId)).toEqual(['to the postmaster']);
    });
  });
});
