/** Who an SMTP session authenticated as: a recipient of the directory. */
export interface SmtpPrincipal {
  recipientId: string;
  /** The user name given to AUTH (alias or an address). */
  login: string;
}
