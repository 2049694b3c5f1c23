// id = "ID" SP id-params-list; id-params-list = "(" *(string SP nstring) ")" / nil — RFC 2971 §3.
// The client's fields are kept for logs; the server answers with its own name and no version details.
import { ImapSyntaxError } from '../parser/imap-value';
import { quoted } from '../responses/imap-string';
import { ANY_STATE, ok, type ImapCommandDefinition } from './imap-command';

/** RFC 2971 §3.3: at most 30 field-value pairs, field names up to 30 octets, values up to 1024. */
const MAX_FIELDS = 30;

export const idCommand: ImapCommandDefinition = {
  names: ['ID'],
  states: ANY_STATE,
  capabilities: () => ['ID'],
  async handle(context, args) {
    const params = args.any();
    args.end();
    if (params.kind === 'list') {
      const items = params.items;
      if (items.length % 2 !== 0 || items.length > MAX_FIELDS * 2) throw new ImapSyntaxError('Invalid ID parameters');
      const fields: Record<string, string | null> = {};
      for (let i = 0; i < items.length; i += 2) {
        const key = items[i];
        const value = items[i + 1];
        if (key.kind !== 'string' || key.value.length > 30) throw new ImapSyntaxError('ID field must be a string');
        if (value.kind === 'list' || value.kind === 'atom')
          throw new ImapSyntaxError('ID value must be a string or NIL');
        fields[key.value.toString('utf8').toLowerCase()] =
          value.kind === 'nil' ? null : value.value.subarray(0, 1024).toString('utf8');
      }
      context.clientId = fields;
    } else if (params.kind !== 'nil') {
      throw new ImapSyntaxError('ID takes a list or NIL');
    }
    await context.untagged(`ID (${quoted('name')} ${quoted('Estafette')} ${quoted('vendor')} ${quoted('Estafette')})`);
    return ok('ID completed');
  },
};
