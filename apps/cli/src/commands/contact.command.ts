import type { Command } from 'commander';
import type { CreateRecipientRequest, RecipientDto } from '@estafette/contracts';
import { resolveContainer } from '../lookups/topology-lookup';
import { printRecipient, recipientSheet } from '../output/recipient-sheet';
import type { CommandContext } from './command-context';

interface ContactAddOptions {
  email: string;
  name?: string;
  ou?: string;
}

/** contact add: mail contacts, recipients whose mail goes to an outside address. */
export function registerContactCommands(program: Command, ctx: CommandContext): void {
  const contact = program.command('contact').description('mail contacts (outside addresses in the address book)');

  ctx
    .common(
      contact
        .command('add')
        .description('create a contact (POST /api/recipients)')
        .argument('<alias>', 'alias')
        .requiredOption('--email <address>', 'the outside address mail is forwarded to')
        .option('--name <display name>', 'display name (default: the alias)')
        .option('--ou <container>', 'recipient container, by name or id'),
    )
    .action(async (alias: string, options: ContactAddOptions, command: Command) => {
      const out = ctx.output(command);
      const sheet = await ctx.withApi(command, async (api) => {
        const container = options.ou === undefined ? undefined : await resolveContainer(api, options.ou);
        const request: CreateRecipientRequest = {
          kind: 'contact',
          alias,
          displayName: options.name,
          targetAddress: options.email,
          containerId: container?.id,
        };
        return recipientSheet(api, out, await api.post<RecipientDto>('/api/recipients', request));
      });
      printRecipient(out, sheet);
    });
}
