// What the integrity API accepts, parsed with zod (pure: no database), like the log filters.
import { z } from "zod";
import { parseTime, RANGES, type RangeName } from "@/lib/logs/filters";

export const PAIR_PAGE_SIZE = 100;
export const MAX_PAIR_LIMIT = 1000;
/** The devices report reads at most this much history at once. */
export const MAX_DEVICE_WINDOW_MS = 31 * 86_400_000;
export const OUTCOMES = ["MISMATCHED", "ONE_SIDED"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const TIME_MESSAGE = "Use a date (2026-11-21) or a date and time (2026-11-21T14:05, UTC unless an offset is given).";
const timeOf = (message?: string) =>
  z.string(message ? { message } : undefined).transform((s, ctx) => {
    const parsed = parseTime(s);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: TIME_MESSAGE });
      return z.NEVER;
    }
    return parsed;
  });
const time = timeOf();
const nodeId = optional(z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "A node id such as n123CNTRL."));

export const ZIntegrityDeviceFilter = z
  .object({
    range: optional(z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]], { message: `range is one of ${Object.keys(RANGES).join(", ")}.` })),
    from: optional(time),
    to: optional(time),
    node: nodeId,
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from.at >= new Date(f.to.at.getTime() + (f.to.isDay ? 86_400_000 : 1))) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from." });
  });
export type IntegrityDeviceFilter = z.infer<typeof ZIntegrityDeviceFilter>;

/** `${bucket ms}_${id}`: the position after the last result of a page. */
export type PairCursor = { bucketMs: number; id: bigint };
export const encodePairCursor = (c: PairCursor) => `${c.bucketMs}_${c.id}`;
export function decodePairCursor(value: string): PairCursor | null {
  const m = /^(\d{1,15})_(\d{1,19})$/.exec(value);
  if (!m) return null;
  const id = BigInt(m[2]!);
  return id > 2n ** 63n - 1n ? null : { bucketMs: Number(m[1]), id };
}

export const ZIntegrityPairFilter = z.object({
  since: z.preprocess(blankToUndefined, timeOf("since is required: results for buckets from this time on.")),
  outcome: optional(z.enum(OUTCOMES, { message: `outcome is one of ${OUTCOMES.join(", ")}.` })),
  node: nodeId,
  limit: optional(z.coerce.number({ message: "limit is a number." }).int("limit is a whole number.").min(1, "limit is at least 1.").max(MAX_PAIR_LIMIT, `limit is at most ${MAX_PAIR_LIMIT}.`)),
  cursor: optional(
    z.string().transform((s, ctx) => {
      const c = decodePairCursor(s);
      if (!c) {
        ctx.addIssue({ code: "custom", message: "Not a cursor from this API: use the nextCursor of the previous page." });
        return z.NEVER;
      }
      return c;
    }),
  ),
});
export type IntegrityPairFilter = z.infer<typeof ZIntegrityPairFilter>;

/** The devices report's window: from/to, a range ending at `to` or now, 24 hours by default; at most 31 days. */
export function deviceWindow(f: IntegrityDeviceFilter, now = new Date()): { from: Date; until: Date } | { error: string } {
  const until = f.to ? new Date(f.to.at.getTime() + (f.to.isDay ? 86_400_000 : 1)) : now;
  const from = f.from?.at ?? new Date(until.getTime() - RANGES[f.range ?? "24h"]);
  if (until.getTime() - from.getTime() > MAX_DEVICE_WINDOW_MS) return { error: "The window is at most 31 days." };
  return { from, until };
}
