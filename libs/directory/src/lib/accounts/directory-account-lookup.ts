import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Account, AccountLookup } from '@estafette/security';

interface AccountRow {
  id: string;
  alias: string;
  display_name: string;
  account_disabled: boolean;
  pop3_enabled: boolean;
  imap4_enabled: boolean;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  alias: row.alias,
  displayName: row.display_name,
  disabled: row.account_disabled,
  pop3Enabled: row.pop3_enabled,
  imap4Enabled: row.imap4_enabled,
});

const COLUMNS = 'r.id, r.alias, r.display_name, r.account_disabled, r.pop3_enabled, r.imap4_enabled';

/** Accounts are users: they sign in with their alias or any of their e-mail addresses. */
@Injectable()
export class DirectoryAccountLookup implements AccountLookup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findByLogin(login: string): Promise<Account | null> {
    const key = login.trim().toLowerCase();
    const rows = await this.db.query<AccountRow[]>(
      key.includes('@')
        ? `SELECT ${COLUMNS} FROM recipient_address a
           JOIN recipient r ON r.id = a.recipient_id WHERE a.address_key = $1 AND r.kind = 'user'`
        : `SELECT ${COLUMNS} FROM recipient r WHERE lower(r.alias) = $1 AND r.kind = 'user'`,
      [key],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findById(id: string): Promise<Account | null> {
    const rows = await this.db.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM recipient r WHERE r.id = $1 AND r.kind = 'user'`,
      [id],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }
}
