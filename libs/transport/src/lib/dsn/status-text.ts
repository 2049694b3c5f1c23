/** Enhanced status codes (RFC 3463) this server reports, with the sentence the sender reads in a report. */
export const STATUS = {
  delivered: '2.0.0',
  relayed: '2.0.0',
  unknownRecipient: '5.1.1',
  storeUnavailable: '4.2.1',
  mailboxFull: '5.2.2',
  tooLarge: '5.2.3',
  deletedByAdministrator: '4.3.2',
  noRoute: '5.4.4',
  hopCountExceeded: '5.4.6',
  expired: '4.4.7',
  notAuthorized: '5.7.1',
  tempFailure: '4.0.0',
  permFailure: '5.0.0',
  connectionFailed: '4.4.1',
} as const;

const EXPLANATIONS: Record<string, string> = {
  '5.1.1': "The e-mail address couldn't be found. Check the recipient's address and try again.",
  '5.1.2': 'The domain of the address does not exist or accepts no mail.',
  '4.2.1': "The recipient's mailbox is temporarily unavailable.",
  '4.2.2': "The recipient's mailbox is full.",
  '5.2.2': "The recipient's mailbox is full and can't accept messages now.",
  '5.2.3': 'The message is larger than the recipient accepts.',
  '4.3.2': 'An administrator deleted the message before it could be delivered.',
  '5.4.4': 'No route to the recipient was found.',
  '5.4.6': 'A routing loop was detected: the message passed through too many servers.',
  '4.4.6': 'A routing loop was detected: the message passed through too many servers.',
  '4.4.7': 'The message could not be delivered in the time allowed and has expired.',
  '5.7.1': 'You do not have permission to send to this recipient.',
};

export function explainStatus(status: string): string {
  const exact = EXPLANATIONS[status];
  if (exact) return exact;
  if (status.startsWith('4.')) return 'The message could not be delivered yet; delivery will be attempted again.';
  if (status.startsWith('2.')) return 'The message was delivered.';
  return 'The message could not be delivered.';
}

export function isPermanent(status: string): boolean {
  return status.startsWith('5.');
}
