import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A login refused because of too many recent failures. It carries the wait so that HTTP answers can say it
 * in a Retry-After header (RFC 6585 §4, RFC 9110 §10.2.3) and SMTP/IMAP can put it in their text.
 */
export class LoginThrottledException extends HttpException {
  /** Whole seconds until an attempt is allowed again (at least 1). */
  readonly retryAfterSeconds: number;

  constructor(waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `too many failed logins; try again in ${seconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.retryAfterSeconds = seconds;
  }
}
