import type { AuthMethod, OrganizationDto, VirtualServerDto } from '@estafette/contracts';
import type { SmtpMode } from '@estafette/protocols-smtp';

/** How long an idle client may stay when the virtual server does not say (Exchange 2003: 10 minutes). */
export const DEFAULT_CONNECTION_TIMEOUT_SECONDS = 600;

/** Everything a listener needs that may change without moving it to another address or port. */
export interface ListenerSettings {
  maxMessageBytes: number;
  maxRecipients: number;
  maxConnections: number;
  idleTimeoutMs: number;
  allowPlaintextAuth: boolean;
  authMethods: Array<'PLAIN' | 'LOGIN'>;
}

/** One listener of an SMTP virtual server. */
export interface ListenerSpec {
  /** `<virtual server id>/<mode>`: identifies the listener across polls. */
  key: string;
  virtualServerId: string;
  virtualServerName: string;
  mode: SmtpMode;
  host: string;
  port: number;
  settings: ListenerSettings;
}

const kb = (value: number | undefined) => (value && value > 0 ? value * 1024 : undefined);

function smallest(...values: Array<number | undefined>): number {
  const set = values.filter((v): v is number => typeof v === 'number' && v > 0);
  return set.length ? Math.min(...set) : 0;
}

function saslMechanisms(methods: readonly AuthMethod[]): Array<'PLAIN' | 'LOGIN'> {
  const out: Array<'PLAIN' | 'LOGIN'> = [];
  if (methods.includes('plain')) out.push('PLAIN');
  if (methods.includes('login')) out.push('LOGIN');
  return out;
}

/**
 * The listeners an SMTP virtual server asks for: MX on `port`, implicit TLS on `tlsPort` (465) and
 * submission on `settings.submissionPort` (587). Limits are the smallest of the organisation's and
 * the virtual server's. A virtual server that offers no password mechanism gets no submission
 * listeners: they would have no way to let anyone in.
 */
export function planSmtpListeners(
  virtualServers: readonly VirtualServerDto[],
  organization: OrganizationDto,
): ListenerSpec[] {
  const specs: ListenerSpec[] = [];
  for (const vs of virtualServers) {
    if (vs.protocol !== 'smtp' || !vs.enabled) continue;
    const s = vs.settings;
    const settings: ListenerSettings = {
      maxMessageBytes: smallest(kb(organization.maxMessageSizeKb), kb(s.maxMessageSizeKb)),
      maxRecipients: smallest(organization.maxRecipientsPerMessage, s.maxRecipients),
      maxConnections: s.maxConnections ?? 0,
      idleTimeoutMs: (s.connectionTimeoutSeconds ?? DEFAULT_CONNECTION_TIMEOUT_SECONDS) * 1000,
      allowPlaintextAuth: s.allowPlaintextAuth ?? false,
      authMethods: saslMechanisms(vs.authMethods),
    };
    const add = (mode: SmtpMode, port: number | null | undefined) => {
      if (port === null || port === undefined) return;
      if (mode !== 'mx' && settings.authMethods.length === 0) return;
      specs.push({
        key: `${vs.id}/${mode}`,
        virtualServerId: vs.id,
        virtualServerName: vs.name,
        mode,
        host: vs.bindAddress,
        port,
        settings,
      });
    };
    add('mx', vs.port);
    add('submission', s.submissionPort);
    add('smtps', vs.tlsPort);
  }
  return specs;
}

/**
 * Whether a running listener can take the new spec in place: same address, port and mode, and the
 * same SASL mechanisms (smtp-server fixes those when it is made).
 */
export function sameBinding(a: ListenerSpec, b: ListenerSpec): boolean {
  return (
    a.host === b.host &&
    a.port === b.port &&
    a.mode === b.mode &&
    a.settings.authMethods.join() === b.settings.authMethods.join()
  );
}

export function sameSettings(a: ListenerSettings, b: ListenerSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
