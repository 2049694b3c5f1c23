import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@estafette/contracts';

/** An API failure as the console shows it: a sentence for the banner and messages per field. */
export interface ApiProblem {
  status: number;
  message: string;
  /** Field path (as the API names it, e.g. `limits.prohibitSendKb`) -> first message for it. */
  fieldErrors: Readonly<Record<string, string>>;
}

function isErrorBody(value: unknown): value is Partial<ApiErrorBody> {
  return typeof value === 'object' && value !== null && 'message' in value;
}

export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return {
        status: 0,
        message: 'The server cannot be reached. Check the connection and try again.',
        fieldErrors: {},
      };
    }
    const body: unknown = error.error;
    const fieldErrors: Record<string, string> = {};
    let message = `${error.status} ${error.statusText || 'error'}`;
    if (isErrorBody(body)) {
      if (typeof body.message === 'string' && body.message) message = body.message;
      for (const item of body.errors ?? []) fieldErrors[item.field] ??= item.message;
    }
    return { status: error.status, message, fieldErrors };
  }
  return { status: -1, message: error instanceof Error ? error.message : String(error), fieldErrors: {} };
}

/** The first message for `field` or for any of its sub-fields (`limits` matches `limits.prohibitSendKb`). */
export function fieldError(problem: ApiProblem | null, field: string): string | null {
  if (!problem) return null;
  const exact = problem.fieldErrors[field];
  if (exact) return exact;
  const prefix = `${field}.`;
  const key = Object.keys(problem.fieldErrors).find((k) => k.startsWith(prefix));
  return key ? problem.fieldErrors[key] : null;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 404;
}
