// One error class for the whole app; the code decides the HTTP status, in one place.
import { ZodError, type output, type ZodType } from "zod";
export const ERROR_STATUS = {
  INVALID_INPUT: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** A conditional request (If-Match) whose condition no longer holds. */
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "record") => new AppError("NOT_FOUND", `No such ${what}.`);
export const forbidden = () => new AppError("FORBIDDEN", "You do not have permission to do that.");

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Any thrown value as an AppError: zod failures become INVALID_INPUT with field errors. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    const named = (i: (typeof error.issues)[number]) => i.path.filter((p) => typeof p === "string");
    const summary = error.issues.map((i) => (named(i).length ? `${named(i).join(".")}: ${i.message}` : i.message)).join("; ");
    return new AppError("INVALID_INPUT", summary, { fieldErrors });
  }
  return new AppError("INTERNAL", "Something went wrong on our side. It has been logged.");
}

/** Validates input for an operation; failures are INVALID_INPUT with field errors. */
export function parseInput<T extends ZodType>(schema: T, input: unknown): output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw toAppError(result.error);
  return result.data;
}
