import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ApiErrorBody } from '@estafette/contracts';
import { LoginThrottledException } from '@estafette/security';
import { StoreUnavailableError } from '@estafette/store';

const PG_MESSAGES: Record<string, [number, string]> = {
  '23505': [409, 'an object with this name or address already exists'],
  '23503': [409, 'the object is still referenced by, or refers to a missing, other object'],
  '23514': [400, 'a value is outside its allowed range'],
  '22P02': [400, 'a value has the wrong format'],
  '22001': [400, 'a value is too long'],
};

/** Every API error becomes a JSON ApiErrorBody; database integrity errors become 4xx, never 500. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('API');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // RFC 6585 §4: a 429 may say how long to wait; clients and proxies honour Retry-After (RFC 9110 §10.2.3).
    if (exception instanceof LoginThrottledException) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') return { statusCode: status, error: exception.name, message: response };
      const r = response as Partial<ApiErrorBody> & { message?: string | string[] };
      const messages = Array.isArray(r.message) ? r.message : [r.message ?? exception.message];
      return {
        statusCode: status,
        error: r.error ?? exception.name,
        message: messages.join('; '),
        ...(r.errors ? { errors: r.errors } : {}),
      };
    }
    if (exception instanceof StoreUnavailableError) {
      // A dismounted store is a temporary condition, as SMTP answers it with 4.2.1.
      return { statusCode: 503, error: 'Service Unavailable', message: exception.message };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { driverError?: { code?: string } }).driverError?.code ?? '';
      const known = PG_MESSAGES[code];
      if (known)
        return { statusCode: known[0], error: known[0] === 409 ? 'Conflict' : 'Bad Request', message: known[1] };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
}
