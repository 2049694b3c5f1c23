import { isIP } from 'node:net';
import { rfc5322Date } from './rfc5322-date';

export interface ReceivedFacts {
  heloName: string | null;
  /** Reverse DNS name or address literal of the client. */
  clientHostname: string;
  clientAddress: string;
  serverName: string;
  productName: string;
  /** RFC 3848 transmission type. */
  withProtocol: string;
  /** Session id and transaction number, so the field matches the server's logs. */
  id: string;
  tls: { protocol: string; cipher: string } | null;
  /** The recipients: named (for clause) only when there is exactly one, so a list of Bcc recipients is never exposed. */
  recipients: readonly string[];
  date: Date;
}

/** RFC 5321 §4.1.3 address literal of an IP address. */
export function addressLiteral(ip: string): string {
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  return isIP(plain) === 6 ? `[IPv6:${plain}]` : `[${plain}]`;
}

/** Comment text must not break out of its parentheses (RFC 5322 §3.2.2). */
function commentSafe(text: string): string {
  return text.replace(/[()\\\r\n]/g, '');
}

/**
 * The Received trace field (RFC 5321 §4.4 Stamp): from the client's greeting name with its reverse
 * name and address in a comment (TCP-info), by this server, with the RFC 3848 protocol, the id, the
 * TLS parameters as a comment, the recipient when there is only one, and the date. Folded to
 * stay under 78 characters per line where it can (RFC 5322 §2.1.1).
 */
export function receivedHeader(facts: ReceivedFacts): string {
  const literal = addressLiteral(facts.clientAddress);
  const hostInfo =
    facts.clientHostname && facts.clientHostname !== literal ? `${facts.clientHostname} ${literal}` : literal;
  const from = commentSafe(facts.heloName ?? literal).replace(/\s+/g, '');
  const lines = [
    `Received: from ${from} (${commentSafe(hostInfo)})`,
    `\tby ${facts.serverName} (${commentSafe(facts.productName)}) with ${facts.withProtocol} id ${facts.id}`,
  ];
  if (facts.tls) lines.push(`\t(version=${commentSafe(facts.tls.protocol)} cipher=${commentSafe(facts.tls.cipher)})`);
  if (facts.recipients.length === 1) lines.push(`\tfor <${facts.recipients[0]}>;`);
  else lines[lines.length - 1] += ';';
  lines.push(`\t${rfc5322Date(facts.date)}`);
  return lines.join('\r\n');
}
