import { DEFAULT_RETRY_INTERVALS_MS, parseRetryIntervals } from './queue/retry-schedule';

/** How the transport behaves; the defaults are Exchange 2003's (SMTP virtual server, Delivery tab). */
export interface TransportOptions {
  /** The name of the Server object this process runs as. */
  serverName: string;
  /** First, second, third and subsequent retry intervals (ms). */
  retryIntervalsMs: number[];
  /** Delay notification after (ms). Exchange: 12 hours. */
  delayNotificationMs: number;
  /** Expiration timeout (ms). Exchange: 2 days. */
  expirationMs: number;
  /**
   * Maximum hop count (Received fields, this server's included) before the message is returned as a
   * loop. Exchange 2003 used 15; the SMTP listener refuses more than 30 at receipt, and so does this.
   */
  maxHopCount: number;
  /** The TCP port of remote SMTP servers (Outbound connections; 25). */
  outboundPort: number;
  /** How often idle workers look for due work when no notification woke them (ms). */
  pollIntervalMs: number;
  /**
   * Messages categorized at once, deliveries at once (per process). Each is a chain of short database
   * round trips more than work of its own: enough of them at once keep the database busy.
   */
  categorizerConcurrency: number;
  deliveryConcurrency: number;
  /** How long a worker holds claimed work before another process may take it over (ms). */
  leaseMs: number;
  /** Connection, greeting and socket timeouts of outbound SMTP (ms). */
  connectionTimeoutMs: number;
  /** RET=FULL returns the whole message in a report only up to this size; larger ones get their headers. */
  returnFullMaxBytes: number;
  /** How long routing reuses the topology it read (ms). */
  topologyCacheMs: number;
}

export const TRANSPORT_OPTIONS = Symbol('TRANSPORT_OPTIONS');

export const DEFAULT_TRANSPORT_OPTIONS: Omit<TransportOptions, 'serverName'> = {
  retryIntervalsMs: [...DEFAULT_RETRY_INTERVALS_MS],
  delayNotificationMs: 12 * 3600_000,
  expirationMs: 2 * 86400_000,
  maxHopCount: 30,
  outboundPort: 25,
  pollIntervalMs: 5_000,
  categorizerConcurrency: 32,
  deliveryConcurrency: 48,
  leaseMs: 10 * 60_000,
  connectionTimeoutMs: 60_000,
  returnFullMaxBytes: 10 * 1024 * 1024,
  topologyCacheMs: 2_000,
};

export class TransportConfigError extends Error {}

function minutes(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new TransportConfigError(`${name} must be a positive number of minutes, got "${text}"`);
  return Math.round(value * 60_000);
}

function whole(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new TransportConfigError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

/**
 * The options for this server, from the environment where set:
 * ESTAFETTE_QUEUE_RETRY_MINUTES ("15,30,60,240"), ESTAFETTE_QUEUE_DELAY_NOTIFICATION_MINUTES (720),
 * ESTAFETTE_QUEUE_EXPIRATION_MINUTES (2880), ESTAFETTE_MAX_HOP_COUNT (30), ESTAFETTE_OUTBOUND_SMTP_PORT (25),
 * ESTAFETTE_QUEUE_POLL_MS (5000), ESTAFETTE_CATEGORIZER_CONCURRENCY (32), ESTAFETTE_DELIVERY_CONCURRENCY (48).
 */
export function transportOptions(serverName: string, env: NodeJS.ProcessEnv = process.env): TransportOptions {
  const retryText = env['ESTAFETTE_QUEUE_RETRY_MINUTES'];
  const retry = retryText ? parseRetryIntervals(retryText) : undefined;
  if (retryText && !retry)
    throw new TransportConfigError(
      `ESTAFETTE_QUEUE_RETRY_MINUTES must list minutes like "15,30,60,240", got "${retryText}"`,
    );
  const d = DEFAULT_TRANSPORT_OPTIONS;
  return {
    ...d,
    serverName,
    retryIntervalsMs: retry ?? d.retryIntervalsMs,
    delayNotificationMs: minutes(env, 'ESTAFETTE_QUEUE_DELAY_NOTIFICATION_MINUTES') ?? d.delayNotificationMs,
    expirationMs: minutes(env, 'ESTAFETTE_QUEUE_EXPIRATION_MINUTES') ?? d.expirationMs,
    maxHopCount: whole(env, 'ESTAFETTE_MAX_HOP_COUNT', 1, 500) ?? d.maxHopCount,
    outboundPort: whole(env, 'ESTAFETTE_OUTBOUND_SMTP_PORT', 1, 65535) ?? d.outboundPort,
    pollIntervalMs: whole(env, 'ESTAFETTE_QUEUE_POLL_MS', 10, 3_600_000) ?? d.pollIntervalMs,
    categorizerConcurrency: whole(env, 'ESTAFETTE_CATEGORIZER_CONCURRENCY', 1, 1000) ?? d.categorizerConcurrency,
    deliveryConcurrency: whole(env, 'ESTAFETTE_DELIVERY_CONCURRENCY', 1, 1000) ?? d.deliveryConcurrency,
  };
}
