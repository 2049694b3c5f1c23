import { describe, expect, it } from 'vitest';
import { quotaState } from './quota-state';
import { composeQuotaWarningMessage, quotaWarningText } from './quota-warning';

const limits = { issueWarningKb: 100, prohibitSendKb: 200, prohibitSendReceiveKb: 300 };

describe('quota state', () => {
  it('is the most severe limit the size is over, in KB of 1024 bytes', () => {
    expect(quotaState(limits, 100 * 1024)).toBe('ok');
    expect(quotaState(limits, 100 * 1024 + 1)).toBe('warning');
    expect(quotaState(limits, 250 * 1024)).toBe('prohibit-send');
    expect(quotaState(limits, 300 * 1024 + 1)).toBe('prohibit-send-receive');
  });

  it('ignores unset limits', () => {
    const none = { issueWarningKb: null, prohibitSendKb: null, prohibitSendReceiveKb: null };
    expect(quotaState(none, Number.MAX_SAFE_INTEGER)).toBe('ok');
    expect(quotaState({ ...none, prohibitSendReceiveKb: 1 }, 2048)).toBe('prohibit-send-receive');
  });

  it('writes a warning that names the limits, and a message that carries it', () => {
    const { subject, text } = quotaWarningText('warning', 150, limits);
    expect(subject).toBe('Your mailbox is almost full');
    expect(text).toContain('Your mailbox now holds 150 KB.');
    expect(text).toContain('over the warning limit of 100 KB');
    expect(text).toContain('At 200 KB you will no longer be able to send mail.');
    expect(quotaWarningText('prohibit-send-receive', 400, limits).text).toContain(
      'Over 300 KB mail sent to you is returned to its senders.',
    );
    const message = composeQuotaWarningMessage(
      { recipientId: 'r', state: 'warning', usageKb: 150, limits, subject, text },
      {
        from: 'postmaster@test.example',
        to: 'jdoe@test.example',
        date: new Date('2026-03-02T09:00:00Z'),
        messageId: 'q1@test.example',
      },
    ).toString();
    expect(message).toMatch(/^From: System Attendant <postmaster@test.example>\r\n/);
    expect(message).toContain('Date: Mon, 02 Mar 2026 09:00:00 +0000\r\n');
    expect(message).toContain('\r\n\r\nYour mailbox now holds 150 KB.');
  });
});
