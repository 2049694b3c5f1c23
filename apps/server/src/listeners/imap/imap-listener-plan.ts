import type { VirtualServerDto } from '@estafette/contracts';

/** RFC 3501 §5.4: the autologout timer is at least 30 minutes; Exchange 2003 also used 30. */
export const DEFAULT_IMAP_TIMEOUT_SECONDS = 30 * 60;

/** What a listener's ImapServer is built from, apart from the port and the certificate. */
export interface ImapListenerSettings {
  idleTimeoutMs: number;
  allowPlaintextAuth: boolean;
  /** The virtual server's message size limit for APPEND, in bytes; undefined for the library's default. */
  maxMessageBytes?: number;
}

/** One listener of an IMAP4 virtual server: plain with STARTTLS on `port`, implicit TLS on `tlsPort`. */
export interface ImapListenerSpec {
  /** `<virtual server id>/<role>`: identifies the listener across polls. */
  key: string;
  virtualServerName: string;
  role: 'imap' | 'imaps';
  host: string;
  port: number;
  settings: ImapListenerSettings;
}

/**
 * The listeners the enabled IMAP4 virtual servers ask for: 143 with STARTTLS and 993 with implicit TLS
 * (RFC 8314 §3.3) by default. Plaintext LOGIN without TLS follows `allowPlaintextAuth` (off by default:
 * RFC 3501 §6.2.3 LOGINDISABLED).
 */
export function planImapListeners(virtualServers: readonly VirtualServerDto[]): ImapListenerSpec[] {
  const specs: ImapListenerSpec[] = [];
  for (const vs of virtualServers) {
    if (vs.protocol !== 'imap4' || !vs.enabled) continue;
    const settings: ImapListenerSettings = {
      idleTimeoutMs: Math.max(vs.settings.connectionTimeoutSeconds ?? DEFAULT_IMAP_TIMEOUT_SECONDS, 1) * 1000,
      allowPlaintextAuth: vs.settings.allowPlaintextAuth ?? false,
      ...(vs.settings.maxMessageSizeKb ? { maxMessageBytes: vs.settings.maxMessageSizeKb * 1024 } : {}),
    };
    const add = (role: ImapListenerSpec['role'], port: number | null): void => {
      if (port === null) return;
      specs.push({ key: `${vs.id}/${role}`, virtualServerName: vs.name, role, host: vs.bindAddress, port, settings });
    };
    add('imap', vs.port);
    add('imaps', vs.tlsPort);
  }
  return specs;
}
