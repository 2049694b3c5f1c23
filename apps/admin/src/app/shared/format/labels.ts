import type { AuthMethod, ProtocolName, RecipientKind, StoreKind } from '@estafette/contracts';

const PROTOCOLS: Record<ProtocolName, string> = {
  smtp: 'SMTP',
  pop3: 'POP3',
  imap4: 'IMAP4',
  nntp: 'NNTP',
  ldap: 'LDAP',
  http: 'HTTP',
};

export function protocolLabel(protocol: ProtocolName): string {
  return PROTOCOLS[protocol] ?? protocol;
}

export function storeKindLabel(kind: StoreKind): string {
  return kind === 'mailbox' ? 'Mailbox store' : 'Public folder store';
}

const RECIPIENT_KINDS: Record<RecipientKind | 'public-folder', string> = {
  user: 'User',
  contact: 'Contact',
  group: 'Distribution group',
  'query-group': 'Query-based distribution group',
  'public-folder': 'Public folder',
};

export function recipientKindLabel(kind: RecipientKind | 'public-folder'): string {
  return RECIPIENT_KINDS[kind] ?? kind;
}

export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  anonymous: 'Anonymous access',
  basic: 'Basic authentication (password sent in clear text)',
  plain: 'SASL PLAIN',
  login: 'SASL LOGIN',
  integrated: 'Integrated Windows authentication',
};

export function kb(value: number): string {
  return `${value.toLocaleString('en-US')} KB`;
}

export function recipientIcon(
  kind: RecipientKind | 'public-folder',
): 'user' | 'contact' | 'group' | 'query-group' | 'public-folder' {
  return kind;
}
