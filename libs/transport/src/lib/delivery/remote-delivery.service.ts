import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createTransport, type Transporter } from 'nodemailer';
import type { Options as PoolOptions, SentMessageInfo as PoolInfo } from 'nodemailer/lib/smtp-pool';
import { DkimSigner } from '@estafette/directory';
import { BLOB_STORE, QUEUE_NAMESPACE, type BlobStore } from '@estafette/store';
import type { QueuedMessage } from '../queue/queue.model';
import type { RouteTarget } from '../routing/next-hop';
import { findHeaderEnd, headerValue, parseHeaderFields } from '../submission/header-section';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import { DNS_RESOLVER, type DnsResolver } from './dns-resolver';
import { DnsFailure, hostAddresses, mxTargets, type DeliveryTarget } from './mx-hosts';
import { classifySmtpError, type AttemptOutcome, type SmtpErrorLike } from './smtp-outcome';

export interface RemoteCopy {
  itemId: string;
  address: string;
}

export type CopyResult =
  | { itemId: string; delivered: true; status: string; diagnostic: string; remoteMta: string | null }
  | {
      itemId: string;
      delivered: false;
      permanent: boolean;
      status: string;
      diagnostic: string;
      remoteMta: string | null;
    };

type RemoteRoute = Extract<RouteTarget, { kind: 'server' | 'smart-host' | 'mx' }>;

interface PooledMailer {
  mailer: Transporter<PoolInfo, PoolOptions>;
  lastUsed: number;
}

/** Pools unused this long are closed. */
const POOL_IDLE_MS = 5 * 60_000;

/** The author's domain for DKIM: the domain of the (first) From address. */
function fromDomain(header: Buffer): string | null {
  const end = findHeaderEnd(header);
  const fields = parseHeaderFields(header.subarray(0, end ? end.headerEnd : header.length).toString('utf8'));
  const from = headerValue(fields, 'from');
  if (!from) return null;
  const match = /<([^<>]*@[^<>]*)>/.exec(from) ?? /([^\s<>,;:"]+@[^\s<>,;:"]+)/.exec(from);
  const address = match?.[1];
  return address ? address.slice(address.lastIndexOf('@') + 1).toLowerCase() : null;
}

async function readHead(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit || findHeaderEnd(Buffer.concat(chunks)) !== null) break;
  }
  stream.destroy();
  return Buffer.concat(chunks);
}

/**
 * Delivery to other SMTP servers through nodemailer's pooled SMTP transport: STARTTLS whenever the
 * peer offers it (opportunistic, as MTAs do: certificates are not verified), connections reused per
 * destination, the copies for one next hop in one transaction. MX hosts are tried in preference
 * order; a host that cannot be reached or refuses the connection gives way to the next one.
 * Mail leaving the organisation is DKIM-signed when its author's domain has a key.
 */
@Injectable()
export class RemoteDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger('RemoteDelivery');
  private readonly pools = new Map<string, PooledMailer>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(DNS_RESOLVER) private readonly dns: DnsResolver,
    private readonly dkim: DkimSigner,
  ) {
    this.sweeper = setInterval(() => this.closeIdlePools(), 60_000);
    this.sweeper.unref();
  }

  async deliver(message: QueuedMessage, route: RemoteRoute, copies: readonly RemoteCopy[]): Promise<CopyResult[]> {
    let targets: DeliveryTarget[];
    try {
      targets = await this.targets(route);
    } catch (error) {
      const failure = error instanceof DnsFailure ? error : new DnsFailure(String(error), false, '4.4.3');
      return copies.map((c) => ({
        itemId: c.itemId,
        delivered: false,
        permanent: failure.permanent,
        status: failure.status,
        diagnostic: failure.message,
        remoteMta: null,
      }));
    }
    let last: AttemptOutcome = {
      permanent: false,
      status: '4.4.1',
      diagnostic: 'no host to deliver to',
      tryNextHost: true,
    };
    let lastHost: string | null = null;
    for (const target of targets) {
      try {
        const info = await this.send(target, message, route, copies);
        return this.perRecipient(copies, target.host, info.accepted, info.rejectedErrors ?? [], info.response);
      } catch (error) {
        const e = error as SmtpErrorLike & { rejectedErrors?: SmtpErrorLike[] };
        if (e.rejectedErrors && e.rejectedErrors.length > 0 && e.code === 'EENVELOPE') {
          return this.perRecipient(copies, target.host, [], e.rejectedErrors, '');
        }
        last = classifySmtpError(e);
        lastHost = target.host;
        if (!last.tryNextHost) break;
        this.logger.debug?.(
          `delivery of ${message.id} to ${target.host} [${target.address}] failed: ${last.diagnostic}`,
        );
      }
    }
    return copies.map((c) => ({
      itemId: c.itemId,
      delivered: false,
      permanent: last.permanent,
      status: last.status,
      diagnostic: last.diagnostic,
      remoteMta: lastHost,
    }));
  }

  private perRecipient(
    copies: readonly RemoteCopy[],
    host: string,
    accepted: ReadonlyArray<string | { address?: string }>,
    rejected: readonly SmtpErrorLike[],
    response: string,
  ): CopyResult[] {
    const key = (a: string | { address?: string }) => (typeof a === 'string' ? a : (a.address ?? '')).toLowerCase();
    const ok = new Set(accepted.map(key));
    const refused = new Map(rejected.map((r) => [(r.recipient ?? '').toLowerCase(), r]));
    return copies.map((c): CopyResult => {
      const address = c.address.toLowerCase();
      const refusal = refused.get(address);
      if (refusal || !ok.has(address)) {
        const outcome = classifySmtpError(refusal ?? { message: 'the server did not accept the recipient' });
        return {
          itemId: c.itemId,
          delivered: false,
          permanent: outcome.permanent,
          status: outcome.status,
          diagnostic: outcome.diagnostic,
          remoteMta: host,
        };
      }
      return { itemId: c.itemId, delivered: true, status: '2.0.0', diagnostic: response, remoteMta: host };
    });
  }

  private async targets(route: RemoteRoute): Promise<DeliveryTarget[]> {
    switch (route.kind) {
      case 'mx':
        return mxTargets(this.dns, route.domain, this.options.outboundPort);
      case 'smart-host': {
        const port = route.port ?? this.options.outboundPort;
        if (route.literal) return [{ host: route.host, address: route.host, port }];
        return (await this.lookupHost(route.host)).map((address) => ({ host: route.host, address, port }));
      }
      case 'server':
        return (await this.lookupHost(route.host)).map((address) => ({ host: route.host, address, port: route.port }));
    }
  }

  /** Names of our own servers and smart hosts: the system resolver (hosts file), then DNS A/AAAA. */
  private async lookupHost(host: string): Promise<string[]> {
    try {
      const found = await this.dns.lookupHost(host);
      if (found.length > 0) return found;
    } catch {
      // fall through to DNS
    }
    return hostAddresses(this.dns, host);
  }

  private async send(
    target: DeliveryTarget,
    message: QueuedMessage,
    route: RemoteRoute,
    copies: readonly RemoteCopy[],
  ) {
    const raw =
      route.kind === 'server' ? this.blobs.open(QUEUE_NAMESPACE, message.blobSha256) : await this.signed(message);
    return this.pool(target).sendMail({
      envelope: { from: message.mailFrom ?? '', to: copies.map((c) => c.address), size: message.size } as never,
      raw,
    });
  }

  /** The message with a DKIM-Signature when its author's domain has a key; otherwise as stored. */
  private async signed(message: QueuedMessage): Promise<Readable> {
    const open = () => this.blobs.open(QUEUE_NAMESPACE, message.blobSha256);
    const domain = fromDomain(await readHead(open(), 64 * 1024));
    if (!domain) return open();
    return this.dkim.sign(open, domain);
  }

  private pool(target: DeliveryTarget): Transporter<PoolInfo, PoolOptions> {
    const key = `${target.address}|${target.port}|${target.host.toLowerCase()}`;
    let entry = this.pools.get(key);
    if (!entry) {
      const timeout = this.options.connectionTimeoutMs;
      entry = {
        mailer: createTransport({
          pool: true,
          host: target.address,
          port: target.port,
          secure: false,
          name: this.options.serverName,
          maxConnections: 4,
          maxMessages: 100,
          maxRequeues: 1,
          idleTimeout: 30_000,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout * 5,
          // Opportunistic TLS (RFC 3207 between MTAs): use it when offered, do not insist on a valid certificate.
          opportunisticTLS: true,
          tls: { rejectUnauthorized: false, servername: isIP(target.host) ? undefined : target.host },
          logger: false,
        }),
        lastUsed: Date.now(),
      };
      this.pools.set(key, entry);
    }
    entry.lastUsed = Date.now();
    return entry.mailer;
  }

  private closeIdlePools(): void {
    const now = Date.now();
    for (const [key, entry] of this.pools) {
      if (now - entry.lastUsed < POOL_IDLE_MS) continue;
      entry.mailer.close();
      this.pools.delete(key);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const entry of this.pools.values()) entry.mailer.close();
    this.pools.clear();
  }
}
