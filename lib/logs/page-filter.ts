// A page's filters from its query string: the fields that parse are applied, the ones that do
// not are dropped and named, so a person sees their mistake beside the field instead of a
// silently wider (or empty) list. Pure.
import type { z } from "zod";
import { toAppError } from "@/lib/errors";

export function parsePageFilter<S extends z.ZodType>(schema: S, raw: Record<string, string | undefined>): { filter: z.output<S>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let input = { ...raw };
  // Each round drops the fields that failed; cross-field rules (to before from) fail in a later round.
  for (let round = 0; round < 3; round++) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { filter: parsed.data, errors };
    const fieldErrors = (toAppError(parsed.error).details as { fieldErrors: Record<string, string[]> }).fieldErrors;
    for (const [key, messages] of Object.entries(fieldErrors)) {
      errors[key] ??= messages[0] ?? "Not understood.";
      input = { ...input, [key]: undefined };
    }
  }
  return { filter: schema.parse({}), errors };
}
