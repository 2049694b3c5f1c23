import { REPLIES } from './status-codes';

/** The reply writer of an smtp-server connection: `send(code, text, context)`; context false means "add no enhanced code". */
export interface ReplyWriter {
  send(code: number, data?: string | string[], context?: string | false): void;
}

const LEADING_ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3} /;

/**
 * smtp-server derives the enhanced status code of a handler error from the basic code alone
 * (550 -> 5.1.1, 553 -> 5.1.3, 554 -> 5.6.0), which is wrong for most policy replies: "relay access
 * denied" is 5.7.1, "sender not owned by the user" is 553 5.7.1 (RFC 3463 §3.8). Replies built by this
 * library put their code first in the text (see replyText); for those the writer is told to add none.
 * smtp-server's own 538 ("Must issue a STARTTLS command first") gets RFC 4954's 5.7.11.
 */
export function preferOwnEnhancedCodes(connection: ReplyWriter): void {
  const send = connection.send.bind(connection);
  connection.send = (code, data, context) => {
    if (typeof data === 'string' && LEADING_ENHANCED_CODE.test(data)) return send(code, data, false);
    if (code === 538) {
      const reply = REPLIES.encryptionRequired();
      return send(code, `${reply.enhanced} ${reply.text}`, false);
    }
    return send(code, data, context);
  };
}
