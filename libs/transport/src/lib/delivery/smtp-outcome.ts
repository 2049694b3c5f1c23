/** The part of a nodemailer error that says what went wrong. */
export interface SmtpErrorLike {
  message?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  recipient?: string;
}

export interface AttemptOutcome {
  permanent: boolean;
  /** Enhanced status code (RFC 3463). */
  status: string;
  /** The server's reply, or what went wrong on the way. */
  diagnostic: string;
  /** A failure of this host only (connection, greeting, TLS): the next MX host may do better. */
  tryNextHost: boolean;
}

/** The enhanced status code in a reply ("550 5.1.1 no such user" -> 5.1.1), when its class agrees with the reply code. */
export function enhancedCode(response: string | undefined, replyCode: number | undefined): string | null {
  const match = response ? /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(response.trim()) : null;
  if (!match) return null;
  if (replyCode !== undefined && String(replyCode)[0] !== match[1][0]) return null;
  return match[1];
}

/**
 * What a failed SMTP attempt means for the copies it carried: a 5xx reply fails them for good,
 * a 4xx reply or a broken connection is temporary (RFC 5321 §4.2.1, §4.5.4.1).
 */
export function classifySmtpError(error: SmtpErrorLike): AttemptOutcome {
  const code = error.responseCode;
  const response = error.response?.trim();
  if (code !== undefined && code >= 400) {
    const permanent = code >= 500;
    return {
      permanent,
      status: enhancedCode(response, code) ?? (permanent ? '5.0.0' : '4.0.0'),
      diagnostic: response || `${code} ${error.message ?? ''}`.trim(),
      // A refused greeting or HELO concerns this host, not the message.
      tryNextHost: !permanent && (error.command === 'CONN' || error.command === 'EHLO' || error.command === 'HELO'),
    };
  }
  const what = error.code ? `${error.code}: ${error.message ?? ''}` : (error.message ?? 'unknown error');
  const status = error.command === 'DATA' || error.code === 'ESTREAM' ? '4.4.2' : '4.4.1';
  return { permanent: false, status, diagnostic: what.trim(), tryNextHost: true };
}
