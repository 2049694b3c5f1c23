// getquota = "GETQUOTA" SP quota-root-name; getquotaroot = "GETQUOTAROOT" SP mailbox;
// setquota = "SETQUOTA" SP quota-root-name SP setquota-list — RFC 9208 §4.3. Quotas are set by the
// administrator in the console, so SETQUOTA is refused (and QUOTASET is not advertised, §4.1).
import type { Quota } from '../backend/imap-backend';
import { mailboxArgument } from '../mailbox/mailbox-name';
import { astring } from '../responses/imap-string';
import { mailboxString } from '../responses/list-response';
import { authenticatedUser, utf8Enabled } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, no, ok, type ImapCommandDefinition } from './imap-command';

/** quota-response = "QUOTA" SP quota-root-name SP quota-list (RFC 9208 §5.1). */
function quotaLine(quota: Quota, utf8: boolean): string {
  const resources = quota.resources.map((r) => `${r.name} ${r.usage} ${r.limit}`).join(' ');
  return `QUOTA ${rootName(quota.root, utf8)} (${resources})`;
}

/** quota-root-name = astring; "" goes out quoted. */
function rootName(root: string, utf8: boolean): string {
  return root === '' ? '""' : astring(root, { utf8 });
}

export const quotaCommand: ImapCommandDefinition = {
  names: ['GETQUOTA', 'GETQUOTAROOT', 'SETQUOTA'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['QUOTA', 'QUOTA=RES-STORAGE']),
  async handle(context, args, command) {
    const user = authenticatedUser(context);
    const utf8 = utf8Enabled(context);
    if (command.name === 'SETQUOTA') {
      args.astring();
      args.list();
      args.end();
      return no('Quotas are set by the administrator', 'NOPERM');
    }
    if (command.name === 'GETQUOTA') {
      const root = args.astring();
      args.end();
      await context.untagged(quotaLine(await context.backend.getQuota(user, root), utf8));
      return ok('GETQUOTA completed');
    }
    const mailbox = mailboxArgument(args, context.enabled);
    args.end();
    const { roots, quotas } = await context.backend.getQuotaRoot(user, mailbox);
    // RFC 9208 §5.2: QUOTAROOT names the mailbox, then each root; then one QUOTA per root.
    await context.untagged(
      ['QUOTAROOT', mailboxString(mailbox, utf8), ...roots.map((r) => rootName(r, utf8))].join(' '),
    );
    for (const quota of quotas) await context.untagged(quotaLine(quota, utf8));
    return ok('GETQUOTAROOT completed');
  },
};
