import "server-only";
// What a server action returns to its form: success with an optional message (and a secret
// shown once), or a message and per-field errors. Redirects pass through.
import { unstable_rethrow } from "next/navigation";
import { toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { ActionState } from "./types";

export async function runAction(fn: () => Promise<Omit<ActionState, "ok"> | void>): Promise<ActionState> {
  try {
    return { ok: true, ...((await fn()) ?? {}) };
  } catch (error) {
    unstable_rethrow(error);
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") logger.error({ err: error }, "server action failed");
    const fieldErrors = (appError.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    // Field errors are shown beside their fields; the summary only points at them.
    return { ok: false, message: fieldErrors ? "Some fields need attention." : appError.message, fieldErrors };
  }
}

/** FormData as a plain object for zod; repeated names (checkboxes) become arrays. */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}
