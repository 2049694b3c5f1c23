import { randomBytes } from 'node:crypto';

/** A new RFC 5322 §3.6.4 msg-id: a unique left part at this server's host name. */
export function newMessageId(serverName: string, now: Date = new Date()): string {
  return `<${now.getTime().toString(36)}.${randomBytes(9).toString('base64url')}@${serverName}>`;
}
