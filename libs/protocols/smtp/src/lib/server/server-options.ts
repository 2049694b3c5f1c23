import type { SMTPServerOptions } from 'smtp-server';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  type SmtpListenerOptions,
} from '../session/listener-options';
import { requiresAuth } from '../session/smtp-mode';
import { REPLIES } from '../replies/status-codes';
import { replyText } from '../replies/smtp-reply';

/** The smtp-server settings of a listener (handlers are added by SmtpListener). */
export function smtpServerOptions(options: SmtpListenerOptions): SMTPServerOptions {
  const tls = options.tls ?? null;
  if (options.mode === 'smtps' && !tls) throw new Error('an smtps listener needs a TLS key and certificate');
  const mechanisms = options.authMethods ?? ['PLAIN', 'LOGIN'];
  // smtp-server requires AUTH only while AUTH exists: a submission listener without it would be open.
  if (requiresAuth(options.mode) && mechanisms.length === 0)
    throw new Error(`a ${options.mode} listener needs at least one authentication mechanism`);
  return {
    secure: options.mode === 'smtps',
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    name: options.serverName,
    banner: options.banner ?? 'Estafette',
    size: options.maxMessageBytes || undefined,
    hideSize: false,
    // The listener enforces the size itself (it may be smaller per sender); see InboundMessageTransform.
    rejectOversized: false,
    authMethods: [...mechanisms],
    authOptional: !requiresAuth(options.mode),
    authRequiredMessage: replyText(REPLIES.authRequired()),
    // Without a certificate there is nothing to start TLS with; without mechanisms, nothing to AUTH with.
    disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(mechanisms.length ? [] : ['AUTH'])],
    allowInsecureAuth: options.allowPlaintextAuth ?? false,
    hidePIPELINING: false,
    hide8BITMIME: false,
    hideSMTPUTF8: false,
    hideENHANCEDSTATUSCODES: false,
    hideDSN: false,
    // RFC 8689 needs the whole delivery chain to keep the promise; remote delivery does not yet.
    hideREQUIRETLS: true,
    disableReverseLookup: true,
    maxClients: options.maxConnections || undefined,
    socketTimeout: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    closeTimeout: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    // A client typing by hand gets some room before it must authenticate (submission).
    maxAllowedUnauthenticatedCommands: 20,
    logger: false,
  };
}
