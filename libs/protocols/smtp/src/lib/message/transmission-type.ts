export interface TransmissionFacts {
  /** EHLO rather than HELO. */
  esmtp: boolean;
  /** TLS (STARTTLS or implicit). */
  secure: boolean;
  /** AUTH succeeded. */
  authenticated: boolean;
  /** MAIL FROM carried SMTPUTF8. */
  smtpUtf8: boolean;
}

/**
 * The "with" value of the Received header: RFC 3848 (ESMTP, ESMTPA, ESMTPS, ESMTPSA) and RFC 6531
 * §4.3 (UTF8SMTP, UTF8SMTPA, UTF8SMTPS, UTF8SMTPSA). After HELO it is plain "SMTP" (RFC 5321 §4.4).
 */
export function transmissionType(facts: TransmissionFacts): string {
  if (!facts.esmtp) return 'SMTP';
  return `${facts.smtpUtf8 ? 'UTF8SMTP' : 'ESMTP'}${facts.secure ? 'S' : ''}${facts.authenticated ? 'A' : ''}`;
}
