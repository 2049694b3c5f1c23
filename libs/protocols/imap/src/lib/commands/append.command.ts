// append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal — RFC 3501 §6.3.11, with
// APPENDUID (RFC 4315 §3), TRYCREATE, OVERQUOTA (RFC 5530) and TOOBIG (RFC 4469 §4, the tokenizer
// refuses a literal over the message size limit before it arrives).
import { mailboxArgument } from '../mailbox/mailbox-name';
import { parseFlagList } from '../parser/flag-args';
import { ImapSyntaxError } from '../parser/imap-value';
import { AUTHENTICATED_STATES, no, ok, type ImapCommandDefinition } from './imap-command';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE (RFC 3501 §9). */
const DATE_TIME = /^([ \d]?\d)-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

export function parseDateTime(text: string): Date {
  const match = DATE_TIME.exec(text);
  const month = match ? MONTHS.indexOf(match[2].toUpperCase()) : -1;
  if (!match || month < 0) throw new ImapSyntaxError('Invalid date-time');
  const [day, year, hour, minute, second, zoneHours, zoneMinutes] = [1, 3, 4, 5, 6, 8, 9].map((i) =>
    Number(match[i].trim()),
  );
  const utc = Date.UTC(year, month, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60 || zoneMinutes > 59) {
    throw new ImapSyntaxError('Invalid date-time');
  }
  const offset = (zoneHours * 60 + zoneMinutes) * (match[7] === '-' ? -1 : 1);
  return new Date(utc - offset * 60_000);
}

export const appendCommand: ImapCommandDefinition = {
  names: ['APPEND'],
  states: AUTHENTICATED_STATES,
  async handle(context, args) {
    const user =
      context.state.kind === 'authenticated' || context.state.kind === 'selected' ? context.state.user : null;
    if (!user) throw new ImapSyntaxError('Not authenticated');
    const mailbox = mailboxArgument(args, context.enabled);
    const flags = args.peek()?.kind === 'list' ? parseFlagList(args.list()) : [];
    let internalDate: Date | undefined;
    const next = args.peek();
    if (next?.kind === 'string' && next.form === 'quoted') {
      args.any();
      internalDate = parseDateTime(next.value.toString('latin1'));
    }
    let message = args.any();
    // RFC 6855 §4: after ENABLE UTF8=ACCEPT a client may send "UTF8 (~{n}...)": a literal8 message
    // whose header may hold raw UTF-8; stored as is.
    if (message.kind === 'atom' && message.value.toUpperCase() === 'UTF8' && context.enabled.has('UTF8=ACCEPT')) {
      const wrapped = args.list();
      if (wrapped.length !== 1 || wrapped[0].kind !== 'string' || wrapped[0].form !== 'literal8') {
        throw new ImapSyntaxError('UTF8 needs one literal8');
      }
      message = wrapped[0];
    }
    if (message.kind !== 'string' || message.form === 'quoted') throw new ImapSyntaxError('APPEND needs a literal');
    // MULTIAPPEND (RFC 3502) is not offered: one message per command.
    args.end();
    const content = message.value;
    const selected = context.state.kind === 'selected' ? context.state.mailbox.handle : undefined;
    const request = { flags, internalDate, content, size: content.length };
    const result = await context.backend.append(user, mailbox, request, selected);
    switch (result.kind) {
      case 'ok':
        return ok('APPEND completed', `APPENDUID ${result.uidValidity} ${result.uid}`);
      case 'no-mailbox':
        return no('Mailbox does not exist', 'TRYCREATE');
      case 'over-quota':
        return no('Mailbox is over quota', 'OVERQUOTA');
      case 'too-big':
        return no('Message is too big', 'TOOBIG');
    }
  },
};
