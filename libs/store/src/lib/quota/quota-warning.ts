import type { QuotaState, StorageLimits } from './quota-state';

/** A storage warning for one mailbox: what the transport turns into a message to its owner. */
export interface QuotaWarning {
  recipientId: string;
  state: Exclude<QuotaState, 'ok'>;
  usageKb: number;
  limits: StorageLimits;
  subject: string;
  text: string;
}

const kb = (n: number): string => `${n.toLocaleString('en-US')} KB`;

/** The warning text, written for the mailbox owner (the limits come from their administrator). */
export function quotaWarningText(state: Exclude<QuotaState, 'ok'>, usageKb: number, limits: StorageLimits) {
  const subject =
    state === 'warning'
      ? 'Your mailbox is almost full'
      : state === 'prohibit-send'
        ? 'Your mailbox is full: you can no longer send mail'
        : 'Your mailbox is full: you can no longer send or receive mail';
  const lines = [`Your mailbox now holds ${kb(usageKb)}.`, ''];
  if (state === 'warning' && limits.issueWarningKb !== null)
    lines.push(`That is over the warning limit of ${kb(limits.issueWarningKb)} your administrator has set.`);
  if (limits.prohibitSendKb !== null)
    lines.push(
      state === 'warning'
        ? `At ${kb(limits.prohibitSendKb)} you will no longer be able to send mail.`
        : `Over ${kb(limits.prohibitSendKb)} you cannot send mail.`,
    );
  if (limits.prohibitSendReceiveKb !== null)
    lines.push(
      state === 'prohibit-send-receive'
        ? `Over ${kb(limits.prohibitSendReceiveKb)} mail sent to you is returned to its senders.`
        : `At ${kb(limits.prohibitSendReceiveKb)} mail sent to you will be returned to its senders.`,
    );
  lines.push(
    '',
    'To make room, delete the items you no longer need, empty the Deleted Items folder, and move the items',
    'you want to keep to a personal folder on your computer. Large attachments free the most space.',
    '',
    'This message is sent at most once a day while your mailbox is over a limit.',
  );
  return { subject, text: lines.join('\r\n') };
}

/** An RFC 5322 message carrying a warning, from the System Attendant as Exchange sent it. */
export function composeQuotaWarningMessage(
  warning: QuotaWarning,
  options: { from: string; to: string; date: Date; messageId: string },
): Buffer {
  const header = [
    `From: System Attendant <${options.from}>`,
    `To: <${options.to}>`,
    `Subject: ${warning.subject}`,
    `Date: ${options.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${options.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    'Importance: high',
    'X-Priority: 1',
    'Auto-Submitted: auto-generated',
  ];
  return Buffer.from(`${header.join('\r\n')}\r\n\r\n${warning.text}\r\n`, 'utf8');
}
