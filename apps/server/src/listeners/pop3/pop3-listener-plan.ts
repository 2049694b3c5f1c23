import type { AuthMethod, VirtualServerDto } from '@estafette/contracts';
import type { Pop3SaslMechanism, Pop3ServerSettings } from '@estafette/protocols-pop3';

/** Exchange 2003's default connection time-out. */
export const DEFAULT_POP3_TIMEOUT_SECONDS = 600;
/** RFC 1939 §3's minimum autologout timer. */
export const MIN_POP3_TIMEOUT_SECONDS = 600;

/** One listener of a POP3 virtual server: plain with STLS on `port`, implicit TLS on `tlsPort`. */
export interface Pop3ListenerSpec {
  /** `<virtual server id>/<role>`: identifies the listener across polls. */
  key: string;
  virtualServerName: string;
  role: 'pop3' | 'pop3s';
  host: string;
  port: number;
  settings: Omit<Pop3ServerSettings, 'apop'>;
}

function mechanisms(methods: readonly AuthMethod[]): Pop3SaslMechanism[] {
  const out: Pop3SaslMechanism[] = [];
  if (methods.includes('plain')) out.push('PLAIN');
  if (methods.includes('login')) out.push('LOGIN');
  return out;
}

/**
 * The listeners the enabled POP3 virtual servers ask for. "Basic authentication" in Exchange's terms is
 * USER/PASS; it is on whenever the virtual server offers a password method at all. Plaintext passwords
 * without TLS follow `allowPlaintextAuth` (off by default, RFC 2595).
 */
export function planPop3Listeners(virtualServers: readonly VirtualServerDto[]): Pop3ListenerSpec[] {
  const specs: Pop3ListenerSpec[] = [];
  for (const vs of virtualServers) {
    if (vs.protocol !== 'pop3' || !vs.enabled) continue;
    const sasl = mechanisms(vs.authMethods);
    const settings = {
      // RFC 1939 §3: the autologout timer is at least 10 minutes, whatever the virtual server says.
      idleTimeoutMs:
        Math.max(vs.settings.connectionTimeoutSeconds ?? DEFAULT_POP3_TIMEOUT_SECONDS, MIN_POP3_TIMEOUT_SECONDS) * 1000,
      maxConnections: vs.settings.maxConnections ?? 0,
      allowPlaintextAuth: vs.settings.allowPlaintextAuth ?? false,
      userPass: sasl.length > 0,
      mechanisms: sasl,
    };
    const add = (role: Pop3ListenerSpec['role'], port: number | null) => {
      if (port === null) return;
      specs.push({ key: `${vs.id}/${role}`, virtualServerName: vs.name, role, host: vs.bindAddress, port, settings });
    };
    add('pop3', vs.port);
    add('pop3s', vs.tlsPort);
  }
  return specs;
}
