import { MailboxNotFoundError, StoreUnavailableError } from '../delivery/mailbox-delivery.port';

/** The message of every refusal on a dismounted store: a temporary condition the administrator ends. */
export function storeUnavailable(storeName: string): StoreUnavailableError {
  return new StoreUnavailableError(`the mailbox store "${storeName}" is dismounted; try again later`);
}

export function mailboxNotFound(what: string): MailboxNotFoundError {
  return new MailboxNotFoundError(what);
}
