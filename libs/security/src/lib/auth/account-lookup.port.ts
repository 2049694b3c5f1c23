/** An account as authentication needs it; implemented over the directory by the server app. */
export interface Account {
  id: string;
  alias: string;
  displayName: string;
  disabled: boolean;
  /** The user's own protocol settings (Exchange's per-user "Protocols" tab): POP3 and IMAP4 access. */
  pop3Enabled: boolean;
  imap4Enabled: boolean;
}

export interface AccountLookup {
  /** By alias or by any of the account's e-mail addresses, case-insensitively. */
  findByLogin(login: string): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
}

export const ACCOUNT_LOOKUP = Symbol('ACCOUNT_LOOKUP');
