import type { CapabilitySituation, ImapCommandDefinition } from './imap-command';

/** Capabilities of the core protocol and the parser, not of one command. */
const CORE_CAPABILITIES = ['IMAP4rev1', 'LITERAL+'];

/**
 * The commands a server speaks, by name. Adding a command = writing its definition file and listing
 * it in DEFAULT_COMMANDS (commands/index.ts); capabilities and ENABLE-able extensions follow from the
 * definitions, so the CAPABILITY response never promises a command that is not registered.
 */
export class CommandRegistry {
  private readonly byName = new Map<string, ImapCommandDefinition>();

  constructor(definitions: readonly ImapCommandDefinition[]) {
    for (const definition of definitions) {
      for (const name of definition.names) {
        if (this.byName.has(name)) throw new Error(`IMAP command ${name} registered twice`);
        this.byName.set(name, definition);
      }
    }
  }

  find(name: string): ImapCommandDefinition | undefined {
    return this.byName.get(name);
  }

  get definitions(): ImapCommandDefinition[] {
    return [...new Set(this.byName.values())];
  }

  capabilities(situation: CapabilitySituation): string[] {
    const out = [...CORE_CAPABILITIES];
    for (const definition of this.definitions) {
      for (const capability of definition.capabilities?.(situation) ?? []) {
        if (!out.includes(capability)) out.push(capability);
      }
    }
    return out;
  }

  /** Extensions ENABLE accepts (RFC 5161 §3.1), upper-case. */
  enableable(): Set<string> {
    return new Set(this.definitions.flatMap((d) => d.enableable ?? []).map((e) => e.toUpperCase()));
  }
}
