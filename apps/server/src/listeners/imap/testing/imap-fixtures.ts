import { connect } from 'node:tls';
import { ImapFlow } from 'imapflow';
import type { VirtualServerDto } from '@estafette/contracts';
import type { TestServer } from '../../../testing/test-server';
import { ImapListenerManager } from '../imap-listener.manager';

/** An imapflow client over implicit TLS to the test server's self-signed certificate; connected. */
export async function imapflow(port: number, user: string, pass: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: true,
    tls: { rejectUnauthorized: false },
    auth: { user, pass },
    logger: false,
    // The specs wait for events themselves; imapflow's own IDLE restarts would only add traffic.
    maxIdleTime: 60_000,
  });
  await client.connect();
  return client;
}

/** A multipart/mixed message: a text part and a small attachment, for BODYSTRUCTURE and part fetches. */
export function multipartMessage(subject: string): string {
  return [
    'From: Alice Example <alice@test.example>',
    'To: Bob <bob@test.example>',
    `Subject: ${subject}`,
    'Date: Sat, 28 Nov 2026 10:00:00 +0000',
    `Message-ID: <${subject.replace(/\W/g, '')}@test.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    'preamble',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Text of ${subject}.`,
    '--b1',
    'Content-Type: application/octet-stream; name="data.bin"',
    'Content-Disposition: attachment; filename="data.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    'AAECAwQ=',
    '--b1--',
    '',
  ].join('\r\n');
}

/** The certificate a TLS listener presents, as PEM: desktop clients trust exactly this one. */
export async function listenerCertificatePem(port: number): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  const der = socket.getPeerCertificate(true).raw;
  socket.destroy();
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** Changes the IMAP4 virtual server's settings and waits until the listeners have applied them. */
export async function configureImap(server: TestServer, settings: Record<string, unknown>): Promise<void> {
  const admin = await server.login();
  const servers = await admin.get<Array<{ id: string; name: string }>>('/api/servers');
  const me = servers.body.find((s) => s.name === 'mail1.test.example');
  const list = await admin.get<VirtualServerDto[]>(`/api/servers/${me?.id}/virtual-servers`);
  const imap = list.body.find((vs) => vs.protocol === 'imap4');
  if (!imap) throw new Error('no IMAP4 virtual server');
  const res = await admin.patch(`/api/virtual-servers/${imap.id}`, { settings: { ...imap.settings, ...settings } });
  if (res.status !== 200) throw new Error(`updating the IMAP4 virtual server failed: ${JSON.stringify(res.body)}`);
  await server.app.get(ImapListenerManager).refresh();
}
