import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors';

/** Turns zod issues into field paths and messages; values are never copied (they may be secrets). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses `input` with `schema`, or throws a `ValidationError` listing every failing field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, toValidationIssues(result.error));
  return result.data;
}
