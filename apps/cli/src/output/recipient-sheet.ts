import type { RecipientDto } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { namesById } from '../lookups/named-lookup';
import type { Output } from './output';
import { formatProperties, type CellValue } from './table';

interface PlacementNames {
  container: string;
  store: string | null;
}

/** A recipient with the names of its container and mailbox store, for the property sheet. */
export interface RecipientSheet {
  recipient: RecipientDto;
  names?: PlacementNames;
}

/** Looks up the container and store names, for people only: --json shows the recipient as the API gave it. */
export async function recipientSheet(api: ApiClient, out: Output, recipient: RecipientDto): Promise<RecipientSheet> {
  if (out.json) return { recipient };
  const [containers, stores] = await Promise.all([
    namesById(api, '/api/recipient-containers'),
    namesById(api, '/api/stores'),
  ]);
  const store = recipient.mailboxStoreId ? (stores.get(recipient.mailboxStoreId) ?? recipient.mailboxStoreId) : null;
  return { recipient, names: { container: containers.get(recipient.containerId) ?? recipient.containerId, store } };
}

function recipientProperties({ recipient: r, names }: RecipientSheet): Array<[string, CellValue]> {
  const rows: Array<[string, CellValue]> = [
    ['Alias', r.alias],
    ['Kind', r.kind],
    ['Display name', r.displayName],
  ];
  if (r.kind === 'user' || r.kind === 'contact') rows.push(['First name', r.firstName], ['Last name', r.lastName]);
  rows.push(
    ['Email', r.primarySmtpAddress],
    [
      'Other addresses',
      r.emailAddresses
        .filter((a) => !a.isPrimary)
        .map((a) => a.address)
        .join(', '),
    ],
    ['Container', names?.container ?? r.containerId],
  );
  if (r.kind === 'user')
    rows.push(['Mailbox store', names ? names.store : r.mailboxStoreId], ['Account disabled', r.accountDisabled]);
  if (r.targetAddress) rows.push(['Target address', r.targetAddress]);
  if (r.kind === 'group' || r.kind === 'query-group') rows.push(['Members', r.memberIds.length]);
  rows.push(['Hidden from address lists', r.hiddenFromAddressLists], ['Created', r.createdAt], ['ID', r.id]);
  return rows;
}

/** Prints a recipient: the RecipientDto with --json, else a property sheet. */
export function printRecipient(out: Output, sheet: RecipientSheet): void {
  out.result(sheet.recipient, () => formatSheet(sheet));
}

function formatSheet(sheet: RecipientSheet): string {
  return formatProperties(recipientProperties(sheet));
}
