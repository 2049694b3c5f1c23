import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { RecipientDto, TrackingEventDto } from '@estafette/contracts';
import {
  DNS_RESOLVER,
  MESSAGE_SUBMISSION,
  type DnsResolver,
  type MessageSubmission,
  type SubmissionEnvelope,
  type SubmissionResult,
} from '@estafette/transport';
import type { ApiClient } from '../../../testing/test-server';

/** Polls until `check` returns something truthy (or throws after `ms`). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function createRecipient(admin: ApiClient, body: Record<string, unknown>): Promise<RecipientDto> {
  const res = await admin.post<RecipientDto>('/api/recipients', body);
  if (res.status !== 201) throw new Error(`create ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function rfc822(headers: Record<string, string>, body = 'Hello.\r\n'): string {
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body}`;
}

/** Submits a message as the SMTP listener would, after its trace fields. */
export function submit(
  app: INestApplication,
  envelope: Partial<SubmissionEnvelope> & { mailFrom: string | null; recipients: SubmissionEnvelope['recipients'] },
  message: string,
  maxBytes = 10 * 1024 * 1024,
): Promise<SubmissionResult> {
  const submission = app.get<MessageSubmission>(MESSAGE_SUBMISSION);
  return submission.submit(
    {
      authenticatedRecipientId: null,
      clientAddress: '192.0.2.10',
      clientHostname: 'client.example',
      heloName: 'client.example',
      transmissionType: 'ESMTP',
      entryPoint: 'smtp',
      ...envelope,
    },
    Readable.from([Buffer.from(message, 'utf8')]),
    { maxBytes },
  );
}

export async function track(admin: ApiClient, query: Record<string, string>): Promise<TrackingEventDto[]> {
  const res = await admin.get<TrackingEventDto[]>(`/api/tracking?${new URLSearchParams(query).toString()}`);
  if (res.status !== 200) throw new Error(`tracking: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A zone for the transport's injectable resolver: MX and A records of fake domains. */
export function fakeDns(app: INestApplication, zone: { mx: Record<string, string>; a: Record<string, string> }): void {
  const dns = app.get<DnsResolver>(DNS_RESOLVER);
  const missing = (name: string) => Object.assign(new Error(`queryA ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  dns.resolveMx = async (domain) => {
    const host = zone.mx[domain.toLowerCase()];
    if (!host) throw missing(domain);
    return [{ exchange: host, priority: 10 }];
  };
  dns.resolve4 = async (host) => {
    const address = zone.a[host.toLowerCase()];
    if (!address) throw missing(host);
    return [address];
  };
  dns.resolve6 = async (host) => {
    throw Object.assign(new Error(`queryAaaa ENODATA ${host}`), { code: 'ENODATA' });
  };
  dns.lookupHost = async (host) => {
    const address = zone.a[host.toLowerCase()];
    if (!address) throw missing(host);
    return [address];
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  secure: boolean;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  /** TCP connections accepted so far. */
  connections: number;
  /** RCPT TO answers: null accepts; otherwise the reply code and text. */
  rcpt: (address: string) => { code: number; message: string } | null;
  close(): Promise<void>;
}

/** A remote MTA on loopback (smtp-server): records what it accepts, answers RCPT as told. */
export async function startSmtpPeer(options: Partial<SMTPServerOptions> = {}): Promise<SmtpPeer> {
  const peer: SmtpPeer = {
    port: 0,
    received: [],
    connections: 0,
    rcpt: () => null,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    size: 50 * 1024 * 1024,
    onConnect(_session, callback) {
      peer.connections += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      const answer = peer.rcpt(address.address);
      if (!answer) return callback();
      const error = Object.assign(new Error(answer.message), { responseCode: answer.code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        peer.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  peer.port = (server.server.address() as AddressInfo).port;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}

/** The per-recipient fields of a delivery status notification (RFC 3464), from its raw text. */
export function dsnRecipients(raw: string): Array<Record<string, string>> {
  const part = /Content-Type: message\/delivery-status\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(raw)?.[1] ?? '';
  return part
    .trim()
    .split(/\r?\n\r?\n/)
    .slice(1)
    .map((block) =>
      Object.fromEntries(
        block.split(/\r?\n/).map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      ),
    );
}
