import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ImapBackendError } from '@estafette/protocols-imap';
import { MailboxNotFoundError, QuotaExceededError, StoreUnavailableError } from '@estafette/store';

/**
 * Store and directory failures as IMAP NO responses with RFC 5530 codes. A dismounted store would be
 * [UNAVAILABLE]; the library's ImapBackendError has no such code yet, so it is [CANNOT] with the store's
 * own message ("the mailbox store … is dismounted; try again later").
 */
export function toImapError(error: unknown): unknown {
  if (error instanceof ImapBackendError) return error;
  if (error instanceof StoreUnavailableError) return new ImapBackendError('CANNOT', error.message);
  if (error instanceof QuotaExceededError) return new ImapBackendError('OVERQUOTA', error.message);
  if (error instanceof MailboxNotFoundError || error instanceof NotFoundException)
    return new ImapBackendError('NONEXISTENT', 'No such mailbox');
  if (error instanceof ForbiddenException) return new ImapBackendError('NOPERM', error.message);
  if (error instanceof ConflictException) return new ImapBackendError('ALREADYEXISTS', error.message);
  if (error instanceof BadRequestException) return new ImapBackendError('CANNOT', error.message);
  return error;
}

/** Runs a store call and rethrows its failure as an ImapBackendError where one applies. */
export async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toImapError(error);
  }
}

export function noSuchMailbox(): ImapBackendError {
  return new ImapBackendError('NONEXISTENT', 'No such mailbox');
}

export function noPermission(what: string): ImapBackendError {
  return new ImapBackendError('NOPERM', `You may not ${what} in this mailbox`);
}
