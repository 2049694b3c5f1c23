/** Exit codes, documented in docs/cli.md so that scripts can tell failures apart. */
export const ExitCode = {
  ok: 0,
  /** The server refused the request (validation, not found, conflict, permission) or another failure. */
  failure: 1,
  /** Wrong command line: unknown option, missing argument, bad number. */
  usage: 2,
  /** Not signed in, an expired token or a wrong password. */
  auth: 3,
  /** The server could not be reached. */
  unreachable: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports as one line on stderr and turns into its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The server answered with an error status; `message` is already made readable. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message, status === 401 ? ExitCode.auth : ExitCode.failure);
    this.name = 'ApiError';
  }
}

interface FieldError {
  field: string;
  message: string;
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry['field'] === 'string' && typeof entry['message'] === 'string';
}

/**
 * The readable part of an API error body ({statusCode, error, message, errors[]}):
 * field-level errors when there are any, else the message, else the HTTP status.
 */
export function describeApiError(status: number, statusText: string, body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const errors = Array.isArray(record['errors']) ? record['errors'].filter(isFieldError) : [];
    if (errors.length > 0) return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    const message = record['message'];
    if (typeof message === 'string' && message.trim() !== '') return message;
    if (Array.isArray(message) && message.length > 0) return message.map(String).join('; ');
  }
  if (typeof body === 'string' && body.trim() !== '' && body.length <= 200) return `HTTP ${status}: ${body.trim()}`;
  return `the server answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
}

/** One line, without control characters, so that a message never spills over several lines or moves the cursor. */
export function oneLine(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\p{Cc}/gu, ' ')
    .trim();
}

/** The stderr line for any error: CLI errors as they are, anything else with its message. */
export function formatError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `estafette: ${oneLine(message)}\n`;
}
