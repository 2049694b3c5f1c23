import { describe, expect, it } from 'vitest';
import { ApiError, CliError, describeApiError, ExitCode, formatError } from './cli-error';

describe('describeApiError', () => {
  it('lists field-level validation errors', () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'maxMessageSizeKb: must not be less than 1; bogus: property bogus should not exist',
      errors: [
        { field: 'maxMessageSizeKb', message: 'maxMessageSizeKb must not be less than 1' },
        { field: 'bogus', message: 'property bogus should not exist' },
      ],
    };
    expect(describeApiError(400, 'Bad Request', body)).toBe(
      'maxMessageSizeKb: maxMessageSizeKb must not be less than 1; bogus: property bogus should not exist',
    );
  });

  it('uses the message when there are no field errors', () => {
    expect(
      describeApiError(409, 'Conflict', {
        statusCode: 409,
        message: 'an object with this name or address already exists',
      }),
    ).toBe('an object with this name or address already exists');
  });

  it('falls back to the HTTP status for bodies that are not API errors', () => {
    expect(describeApiError(502, 'Bad Gateway', null)).toBe('the server answered HTTP 502 Bad Gateway');
    expect(describeApiError(502, 'Bad Gateway', 'upstream down')).toBe('HTTP 502: upstream down');
    expect(describeApiError(500, '', { unexpected: true })).toBe('the server answered HTTP 500');
  });
});

describe('formatError', () => {
  it('prints one line prefixed with the program name', () => {
    expect(formatError(new CliError('no user with alias or id "x"'))).toBe('estafette: no user with alias or id "x"\n');
    expect(formatError(new Error('multi\nline\u0007 message'))).toBe('estafette: multi line  message\n');
  });
});

describe('exit codes', () => {
  it('gives 401 the authentication code and other refusals the failure code', () => {
    expect(new ApiError(401, null, 'x').exitCode).toBe(ExitCode.auth);
    expect(new ApiError(409, null, 'x').exitCode).toBe(ExitCode.failure);
    expect(new CliError('x', ExitCode.unreachable).exitCode).toBe(4);
  });
});
