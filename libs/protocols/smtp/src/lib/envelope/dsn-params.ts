/**
 * RFC 3461 (DSN) parameters of MAIL FROM (RET, ENVID) and RCPT TO (NOTIFY, ORCPT). smtp-server checks
 * their syntax and decodes xtext (RFC 3461 §4: "+" and two hex digits) already; this turns the
 * values into plain data.
 */

export type DsnNotify = 'NEVER' | Array<'SUCCESS' | 'FAILURE' | 'DELAY'>;

export interface DsnRecipientParams {
  notify?: DsnNotify;
  /** ORCPT=<addr-type>;<xtext>, e.g. { type: 'rfc822', address: 'jane@example.com' } */
  originalRecipient?: { type: string; address: string };
}

export interface DsnMessageParams {
  ret?: 'FULL' | 'HDRS';
  envelopeId?: string;
}

export function parseNotify(values: readonly string[] | undefined): DsnNotify | undefined {
  if (!values || values.length === 0) return undefined;
  const upper = values.map((v) => v.trim().toUpperCase());
  if (upper.includes('NEVER')) return 'NEVER';
  const out: Array<'SUCCESS' | 'FAILURE' | 'DELAY'> = [];
  for (const v of upper) if ((v === 'SUCCESS' || v === 'FAILURE' || v === 'DELAY') && !out.includes(v)) out.push(v);
  return out.length > 0 ? out : undefined;
}

export function parseOrcpt(value: string | undefined): { type: string; address: string } | undefined {
  if (!value) return undefined;
  const semi = value.indexOf(';');
  if (semi <= 0) return undefined;
  return { type: value.slice(0, semi).toLowerCase(), address: value.slice(semi + 1) };
}

export function parseMessageDsn(ret: string | null | undefined, envid: string | null | undefined): DsnMessageParams {
  const out: DsnMessageParams = {};
  const r = ret?.toUpperCase();
  if (r === 'FULL' || r === 'HDRS') out.ret = r;
  if (envid) out.envelopeId = envid;
  return out;
}
