import "server-only";
// Pages turn "no such record" from an operation into the plain 404 page, which does not say
// whether a sealed record exists.
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

export async function orNotFoundPage<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** A page's search parameters, first value of each, empty strings dropped. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
}
