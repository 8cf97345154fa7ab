// What the log explorers and the log REST API accept as filters, parsed once with zod so a page
// and the API answer the same query string the same way. Pure: no database.
import { isIP } from "node:net";
import { z } from "zod";
import { FLOW_KINDS, parseProto } from "@/lib/ingest/records";

export const RANGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000 } as const;
export type RangeName = keyof typeof RANGES;

export const LOG_PAGE_SIZE = 50;
export const MAX_LIMIT = 500;

// A query string's empty value (`?action=`) means "no filter", in pages and in the API alike.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

// PostgreSQL refuses NUL in text, and no filter needs control characters.
const text = (max: number) =>
  optional(
    z
      .string()
      .trim()
      .max(max, `At most ${max} characters.`)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Control characters are not allowed."),
  );

/** Tailscale's enum values (actions, origins, target types, properties); unknown ones are fine. */
const code = optional(
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "Letters, digits and underscores only (e.g. DISABLE).")
    .transform((s) => s.toUpperCase()),
);

/** A string read by `read`, or the issue `message` when it returns null. */
const parsedBy = <T>(read: (s: string) => T | null, message: string) =>
  optional(
    z.string().transform((s, ctx) => {
      const parsed = read(s);
      if (parsed === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return parsed;
    }),
  );

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A time as people type it: `2026-11-21` (a whole day, UTC), `2026-11-21T14:05` (UTC unless an
 * offset is given), or full RFC 3339. Null when it is not one of those or not a real date.
 */
export function parseTime(value: string): { at: Date; isDay: boolean } | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  const local = new Date(Date.UTC(...parts));
  // Date.UTC rolls 2026-02-31 over into March: a date that does not round-trip does not exist.
  if (local.getUTCFullYear() !== parts[0] || local.getUTCMonth() !== parts[1] || local.getUTCDate() !== parts[2] || local.getUTCHours() !== parts[3] || local.getUTCMinutes() !== parts[4] || local.getUTCSeconds() !== parts[5]) return null;
  if (parts[0] < 1970 || parts[0] > 9999) return null;
  let ms = local.getTime() + (frac ? Math.floor(Number(frac) * 1000) : 0);
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    if (offset > 18 * 60) return null;
    ms -= sign * offset * 60_000;
  }
  return { at: new Date(ms), isDay: h === undefined };
}

const time = parsedBy(parseTime, "Use a date (2026-11-21) or a date and time (2026-11-21T14:05, UTC unless an offset is given).");

/** An address or a network in CIDR notation, IPv4 or IPv6. */
export function parseNetwork(value: string): string | null {
  const [address, prefix, ...rest] = value.trim().split("/");
  if (rest.length || !address) return null;
  const family = isIP(address);
  if (family === 0) return null;
  if (prefix === undefined) return address;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return null;
  return `${address}/${Number(prefix)}`;
}

const network = parsedBy(parseNetwork, "Use an IP address or a network such as 100.64.0.0/10.");

const port = optional(z.coerce.number({ message: "A port is a number." }).int("A port is a whole number.").min(0, "Ports run from 0 to 65535.").max(65535, "Ports run from 0 to 65535."));

const limit = optional(z.coerce.number({ message: "limit is a number." }).int().min(1, "limit is at least 1.").max(MAX_LIMIT, `limit is at most ${MAX_LIMIT}.`));

// ---------------------------------------------------------------------------------------------
// Cursors: the position after the last row shown, newest first. Times travel as microseconds
// since the epoch, because PostgreSQL keeps microseconds and a JavaScript Date does not.

export type Cursor = { micros: bigint; key: bigint };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.micros}_${cursor.key}`;
}

export function decodeCursor(value: string): Cursor | null {
  const m = /^(\d{1,17})_(-?\d{1,19})$/.exec(value);
  if (!m) return null;
  const key = BigInt(m[2]!);
  if (key < INT64_MIN || key > INT64_MAX) return null;
  return { micros: BigInt(m[1]!), key };
}

const cursor = parsedBy(decodeCursor, "Not a cursor from this API: use the nextCursor of the previous page.");

const timeWindow = {
  range: optional(z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]], { message: `range is one of ${Object.keys(RANGES).join(", ")}.` })),
  from: time,
  to: time,
  before: cursor,
  limit,
};

type TimeFilter = { range?: RangeName; from?: { at: Date }; to?: { at: Date; isDay: boolean } };

/**
 * The time bounds a filter asks for: `from` inclusive, `until` exclusive. `to` as a day includes
 * that whole day. A range is the window that ends at `to`, or now; `from` wins over it.
 */
export function timeBounds(filter: TimeFilter, now = new Date()): { from?: Date; until?: Date } {
  const until = filter.to ? new Date(filter.to.at.getTime() + (filter.to.isDay ? 86_400_000 : 1)) : undefined;
  const from = filter.from?.at ?? (filter.range ? new Date((until ?? now).getTime() - RANGES[filter.range]) : undefined);
  return { from, until };
}

/** The flow explorer reads the last hour unless told otherwise: flow tables are large and partitioned by window_start. */
export const DEFAULT_FLOW_RANGE: RangeName = "1h";

/** A flow filter's bounds, always with a start (so PostgreSQL reads only the partitions of the range). */
export function flowTimeBounds(filter: TimeFilter, now = new Date()): { from: Date; until?: Date } {
  const { from, until } = timeBounds({ ...filter, range: filter.range ?? DEFAULT_FLOW_RANGE }, now);
  return { from: from!, until };
}

const withOrderedTimes = <T extends { from?: { at: Date }; to?: { at: Date; isDay: boolean } }>(f: T, ctx: z.RefinementCtx) => {
  if (f.from && f.to && timeBounds(f).until!.getTime() <= f.from.at.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "`to` is before `from`." });
  }
};

export const ZAuditEventFilter = z
  .object({
    q: text(200),
    actor: text(320),
    target: text(200),
    /** Exactly this target id (a node, a key): the device page's "changes to it". */
    targetId: text(200),
    /** The ingest source's id. */
    source: optional(z.coerce.number({ message: "source is a source id." }).int("source is a source id.").positive("source is a source id.")),
    action: code,
    origin: code,
    targetType: code,
    property: code,
    actorType: code,
    eventGroup: optional(z.string().trim().regex(/^[0-9a-fA-F]{1,64}$/, "An event group id is hexadecimal.").transform((s) => s.toLowerCase())),
    failed: optional(z.enum(["true", "false"], { message: "failed is true or false." })),
    ...timeWindow,
  })
  .superRefine(withOrderedTimes);
export type AuditEventFilter = z.infer<typeof ZAuditEventFilter>;

const flowFields = {
  node: text(200),
  kind: optional(
    z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .pipe(z.enum(FLOW_KINDS, { message: `kind is one of ${FLOW_KINDS.join(", ")}.` })),
  ),
  proto: parsedBy((s) => {
    const { proto } = parseProto(s);
    return proto !== null && proto <= 255 ? proto : null;
  }, "A protocol is a number from 0 to 255 or a name: tcp, udp, icmp, ipv6-icmp, gre, esp, sctp."),
  ip: network,
  src: network,
  dst: network,
  port,
};

export const ZFlowFilter = z.object({ ...flowFields, ...timeWindow }).superRefine(withOrderedTimes);
export type FlowFilter = z.infer<typeof ZFlowFilter>;

/** The flow filters without paging: what totals, top talkers and the chart are computed over. */
export const ZFlowSummaryFilter = z.object({ ...flowFields, range: timeWindow.range, from: timeWindow.from, to: timeWindow.to }).superRefine(withOrderedTimes);
export type FlowSummaryFilter = z.infer<typeof ZFlowSummaryFilter>;

export const DEVICE_STATUSES = ["reporting", "quiet", "peer-only"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const ZDeviceFilter = z.object({
  q: text(200),
  status: optional(z.enum(DEVICE_STATUSES, { message: `status is one of ${DEVICE_STATUSES.join(", ")}.` })),
  page: optional(z.coerce.number({ message: "page is a number." }).int().min(1, "page is at least 1.").max(100_000, "page is at most 100000.")),
});
export type DeviceFilter = z.infer<typeof ZDeviceFilter>;
