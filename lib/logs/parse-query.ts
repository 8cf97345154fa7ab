// A REST query string against a filter schema: a misspelt or repeated parameter is refused
// (400) rather than silently ignored, and values that do not fit are 422 with field errors.
import type { z } from "zod";
import { AppError, parseInput } from "@/lib/errors";

export function parseQuery<S extends z.ZodType & { shape: object }>(schema: S, params: URLSearchParams): z.output<S> {
  const keys = [...params.keys()];
  const unknown = [...new Set(keys.filter((k) => !Object.hasOwn(schema.shape, k)))];
  if (unknown.length) {
    throw new AppError("BAD_REQUEST", `Unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => k.slice(0, 40)).join(", ")}. Known: ${Object.keys(schema.shape).join(", ")}.`);
  }
  const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
  if (repeated.length) throw new AppError("BAD_REQUEST", `Give each parameter once: ${repeated.join(", ")}.`);
  return parseInput(schema, Object.fromEntries(params));
}
