/**
 * What a listener is for:
 * - 'mx': port 25, mail from other servers (RFC 5321); AUTH optional, STARTTLS offered;
 * - 'submission': port 587, mail from users' clients (RFC 6409 §4); AUTH required before MAIL, STARTTLS offered;
 * - 'smtps': port 465, submission over implicit TLS (RFC 8314 §3.3); AUTH required.
 */
export type SmtpMode = 'mx' | 'submission' | 'smtps';

export const SMTP_MODES: readonly SmtpMode[] = ['mx', 'submission', 'smtps'];

/** Submission listeners (587, 465) require AUTH before MAIL (RFC 6409 §4.3); an MX accepts anonymous mail. */
export function requiresAuth(mode: SmtpMode): boolean {
  return mode !== 'mx';
}
