import { isRejection, SmtpReplyError, type SmtpReply } from '../replies/smtp-reply';
import { REPLIES } from '../replies/status-codes';

/** The reply an error stands for: its own when it carries one, otherwise a temporary local error. */
export function replyOf(error: unknown): SmtpReply {
  if (error instanceof SmtpReplyError) return error.reply;
  if (isRejection(error)) return error.reply;
  return REPLIES.localError();
}

export function replyError(reply: SmtpReply): SmtpReplyError {
  return new SmtpReplyError(reply);
}
