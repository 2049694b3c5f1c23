import { BadRequestException } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A 400 in the same shape the validation pipe produces, so the console shows
 * business-rule failures (found in the service, after DTO validation) beside
 * the input they concern.
 */
export function invalidFields(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    errors: problems,
  });
}

export function invalidField(field: string, message: string): BadRequestException {
  return invalidFields([{ field, message }]);
}

/** Throws when there is at least one problem. */
export function assertNoProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw invalidFields(problems);
}
