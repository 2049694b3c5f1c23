// namespace = "NAMESPACE" — RFC 2342 §5: personal, other users' and shared namespaces, each a list of
// (prefix delimiter) pairs or NIL.
import type { NamespaceEntry } from '../backend/imap-backend';
import { mailboxString } from '../responses/list-response';
import { quoted } from '../responses/imap-string';
import { authenticatedUser, utf8Enabled } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, ok, type ImapCommandDefinition } from './imap-command';

function namespaceList(entries: readonly NamespaceEntry[], utf8: boolean): string {
  if (entries.length === 0) return 'NIL';
  const items = entries.map((e) => `(${mailboxString(e.prefix, utf8)} ${e.delimiter ? quoted(e.delimiter) : 'NIL'})`);
  return `(${items.join('')})`;
}

export const namespaceCommand: ImapCommandDefinition = {
  names: ['NAMESPACE'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['NAMESPACE']),
  async handle(context, args) {
    args.end();
    const namespaces = await context.backend.namespaces(authenticatedUser(context));
    const utf8 = utf8Enabled(context);
    const parts = [namespaces.personal, namespaces.otherUsers, namespaces.shared].map((n) => namespaceList(n, utf8));
    await context.untagged(`NAMESPACE ${parts.join(' ')}`);
    return ok('NAMESPACE completed');
  },
};
