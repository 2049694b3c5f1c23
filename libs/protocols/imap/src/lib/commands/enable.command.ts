// enable = "ENABLE" 1*(SP capability) — RFC 5161 §3.1: valid in the authenticated state only; the
// untagged ENABLED lists what was newly turned on; unknown names are ignored, not errors.
import { ok, type ImapCommandDefinition } from './imap-command';

export function enableCommand(enableable: () => Set<string>): ImapCommandDefinition {
  return {
    names: ['ENABLE'],
    states: ['authenticated'],
    capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['ENABLE']),
    async handle(context, args) {
      const requested: string[] = [];
      requested.push(args.atom());
      while (args.remaining > 0) requested.push(args.atom());
      const known = enableable();
      const newly: string[] = [];
      for (const name of requested.map((r) => r.toUpperCase())) {
        if (known.has(name) && !context.enabled.has(name)) {
          context.enabled.add(name);
          newly.push(name);
        }
      }
      await context.untagged(['ENABLED', ...newly].join(' '));
      return ok('ENABLE completed');
    },
  };
}
