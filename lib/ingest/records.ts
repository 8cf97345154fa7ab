// One parsed record in, one row-ready record out: unwraps the HEC / Panther envelope, tells audit
// from flow records by shape (tailscale-logs.md §3), validates with zod, keeps unknown enum
// values, and computes the dedup keys. Pure: no database.
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";

export type AuditRow = {
  eventTime: string;
  dedupKey: string;
  loggedAt: string | null;
  deferredAt: string | null;
  recordType: string | null;
  eventGroupId: string | null;
  origin: string | null;
  actorId: string | null;
  actorType: string | null;
  actorLogin: string | null;
  actorName: string | null;
  actorTags: string[];
  targetId: string | null;
  targetName: string | null;
  targetType: string | null;
  targetProperty: string | null;
  targetIsEphemeral: boolean | null;
  action: string;
  old: string | null;
  new: string | null;
  actionDetails: string | null;
  error: string | null;
  extra: string | null;
};

export const FLOW_KINDS = ["VIRTUAL", "SUBNET", "EXIT", "PHYSICAL"] as const;
export type FlowKindName = (typeof FLOW_KINDS)[number];

export type FlowEntryRow = {
  windowStart: string;
  windowEnd: string;
  entryHash: string;
  nodeId: string;
  kind: FlowKindName;
  proto: number | null;
  protoName: string | null;
  srcIp: string | null;
  srcPort: number | null;
  dstIp: string | null;
  dstPort: number | null;
  txPkts: number;
  txBytes: number;
  rxPkts: number;
  rxBytes: number;
};

export type NodeSighting = {
  nodeId: string;
  name: string | null;
  addresses: string[];
  os: string | null;
  userLogin: string | null;
  tags: string[];
  /** End of the window in which it was seen. */
  seenAt: string;
  /** Whether the node reported this record itself. */
  isReporter: boolean;
};

export type FlowRecordNorm = { nodeId: string; windowStart: string; windowEnd: string; entries: FlowEntryRow[]; nodes: NodeSighting[] };

export type Normalized = { type: "audit"; row: AuditRow } | { type: "flow"; record: FlowRecordNorm } | { type: "invalid"; reason: string };

// ---------------------------------------------------------------------------------------------
// Times

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const EARLIEST = Date.UTC(2000, 0, 1);
const FUTURE_SLACK_MS = 24 * 3_600_000;

/** A time string PostgreSQL will read exactly (µs), or null when it is not RFC 3339. */
function rfc3339(value: unknown): string | null {
  if (typeof value !== "string" || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) return null;
  // JavaScript rolls 2026-02-30 over to March; PostgreSQL refuses it. Neither is a real time.
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null;
  return value;
}

function inRange(iso: string, now: number): boolean {
  const t = Date.parse(iso);
  return t >= EARLIEST && t <= now + FUTURE_SLACK_MS;
}

/** HEC `time`: unix seconds (float), or a formatted string (Panther stores it so). */
function envelopeTime(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value) && value > 0 && value < 1e11) return new Date(Math.round(value * 1000)).toISOString();
  if (typeof value === "string") {
    if (/^\d+(\.\d+)?$/.test(value)) return envelopeTime(Number(value));
    const iso = rfc3339(value) ?? rfc3339(value.replace(" ", "T").replace(/(\.\d+)?$/, (m) => `${m}Z`));
    if (iso) return iso;
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Shapes

// Indexed columns hold these strings: btree rows cannot exceed ~2.7 kB, so values are capped
// well below (Tailscale's ids, names and enum values are far shorter).
const str = z.string().max(1000);
const optStr = str.nullish();
const strList = z.array(str).max(1000).nullish();

const ZActor = z.looseObject({ id: optStr, type: optStr, loginName: optStr, displayName: optStr, tags: strList });
const ZTarget = z.looseObject({ id: optStr, name: optStr, type: optStr, isEphemeral: z.boolean().nullish(), property: optStr });
const ZAudit = z.looseObject({
  eventTime: z.unknown().optional(),
  type: optStr,
  deferredAt: z.unknown().optional(),
  eventGroupID: optStr,
  origin: optStr,
  actor: ZActor,
  target: ZTarget.nullish(),
  action: str.min(1, "action is empty"),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
  actionDetails: optStr,
  error: optStr,
  logged: z.unknown().optional(),
});

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish();
// Entries are the bulk of a flow record: a plain object schema (unknown keys dropped, not copied).
const ZEntry = z.object({
  proto: z.union([z.number().int().min(0).max(255), str]).nullish(),
  src: optStr,
  dst: optStr,
  txPkts: count,
  txBytes: count,
  rxPkts: count,
  rxBytes: count,
});
const ZNode = z.looseObject({ nodeId: str.min(1), name: optStr, addresses: strList, os: optStr, user: optStr, tags: strList });
const entries = z.array(ZEntry).max(100_000).nullish();
const ZFlow = z.looseObject({
  nodeId: str.min(1, "nodeId is empty"),
  start: z.unknown().optional(),
  end: z.unknown().optional(),
  srcNode: ZNode.nullish(),
  dstNodes: z.array(ZNode).max(10_000).nullish(),
  virtualTraffic: entries,
  subnetTraffic: entries,
  exitTraffic: entries,
  physicalTraffic: entries,
  logged: z.unknown().optional(),
});

const AUDIT_KEYS = new Set(Object.keys(ZAudit.shape));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "record"}: ${i.message}`)
    .join("; ");
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Classifies and normalises one parsed JSON value. `now` bounds plausible times. */
export function normalizeRecord(value: unknown, now = Date.now()): Normalized {
  if (!isObject(value)) return { type: "invalid", reason: `expected a JSON object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}` };
  let record = value;
  let fallbackTime: string | null = null;
  let recordedAt: string | null = null;
  if (isObject(value.event) && !("action" in value) && !("nodeId" in value)) {
    record = value.event;
    fallbackTime = envelopeTime(value.time);
    if (isObject(value.fields)) recordedAt = rfc3339(value.fields.recorded);
  }
  if ("nodeId" in record && !("action" in record)) return normalizeFlow(record, now);
  if ("actor" in record || "action" in record) return normalizeAudit(record, fallbackTime, recordedAt, now);
  return { type: "invalid", reason: "not a Tailscale audit or flow record: it has neither nodeId nor actor and action" };
}

function normalizeAudit(record: Record<string, unknown>, fallbackTime: string | null, recordedAt: string | null, now: number): Normalized {
  const parsed = ZAudit.safeParse(record);
  if (!parsed.success) return { type: "invalid", reason: `audit record: ${describeIssues(parsed.error)}` };
  const r = parsed.data;
  const eventTime = rfc3339(r.eventTime) ?? fallbackTime;
  if (!eventTime) return { type: "invalid", reason: "audit record: no eventTime and no envelope time" };
  if (!inRange(eventTime, now)) return { type: "invalid", reason: `audit record: eventTime ${eventTime} is out of range` };
  const deferred = rfc3339(r.deferredAt);
  const target = r.target ?? {};
  const extraEntries = Object.entries(record).filter(([k]) => !AUDIT_KEYS.has(k) && !k.startsWith("p_"));
  const dedupKey = sha256Hex(JSON.stringify([r.eventGroupID ?? "", target.id ?? "", target.property ?? "", r.action, Math.floor(Date.parse(eventTime))]));
  return {
    type: "audit",
    row: {
      eventTime,
      dedupKey,
      loggedAt: rfc3339(r.logged) ?? recordedAt,
      deferredAt: deferred && Date.parse(deferred) > 0 ? deferred : null,
      recordType: r.type ?? null,
      eventGroupId: r.eventGroupID ?? null,
      origin: r.origin ?? null,
      actorId: r.actor.id ?? null,
      actorType: r.actor.type ?? null,
      actorLogin: r.actor.loginName || null,
      actorName: r.actor.displayName ?? null,
      actorTags: r.actor.tags ?? [],
      targetId: target.id ?? null,
      targetName: target.name ?? null,
      targetType: target.type ?? null,
      targetProperty: target.property ?? null,
      targetIsEphemeral: target.isEphemeral ?? null,
      action: r.action,
      old: r.old === undefined ? null : JSON.stringify(r.old),
      new: r.new === undefined ? null : JSON.stringify(r.new),
      actionDetails: r.actionDetails ?? null,
      error: r.error ?? null,
      extra: extraEntries.length ? JSON.stringify(Object.fromEntries(extraEntries)) : null,
    },
  };
}

const TRAFFIC: ReadonlyArray<[key: "virtualTraffic" | "subnetTraffic" | "exitTraffic" | "physicalTraffic", kind: FlowKindName]> = [
  ["virtualTraffic", "VIRTUAL"],
  ["subnetTraffic", "SUBNET"],
  ["exitTraffic", "EXIT"],
  ["physicalTraffic", "PHYSICAL"],
];

function normalizeFlow(record: Record<string, unknown>, now: number): Normalized {
  const parsed = ZFlow.safeParse(record);
  if (!parsed.success) return { type: "invalid", reason: `flow record: ${describeIssues(parsed.error)}` };
  const r = parsed.data;
  const start = rfc3339(r.start);
  const end = rfc3339(r.end);
  if (!start || !end) return { type: "invalid", reason: "flow record: start and end must be RFC 3339 times" };
  if (!inRange(start, now) || !inRange(end, now)) return { type: "invalid", reason: `flow record: window ${start} to ${end} is out of range` };

  const rows: FlowEntryRow[] = [];
  const seen = new Map<string, number>();
  // Every entry's identity starts with the node and the window: hash that part once.
  const recordHash = hashPrefix(`${r.nodeId}|${start}|${end}|`);
  const ownAddresses = new Set<string>();
  for (const [key, kind] of TRAFFIC) {
    const list = r[key] ?? [];
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const src = parseEndpoint(e.src);
      const dst = parseEndpoint(e.dst);
      if (src === "invalid") return { type: "invalid", reason: `flow record: ${key}[${i}].src is not an address: ${JSON.stringify(e.src).slice(0, 80)}` };
      if (dst === "invalid") return { type: "invalid", reason: `flow record: ${key}[${i}].dst is not an address: ${JSON.stringify(e.dst).slice(0, 80)}` };
      const { proto, protoName } = parseProto(e.proto);
      const identity = `${kind}|${proto ?? protoName ?? ""}|${e.src ?? ""}|${e.dst ?? ""}`;
      const ordinal = seen.get(identity) ?? 0;
      seen.set(identity, ordinal + 1);
      if (kind === "VIRTUAL" && src?.ip) ownAddresses.add(src.ip);
      rows.push({
        windowStart: start,
        windowEnd: end,
        entryHash: hash64(`${identity}|${ordinal}`, recordHash),
        nodeId: r.nodeId,
        kind,
        proto,
        protoName,
        srcIp: src?.ip ?? null,
        srcPort: src?.port ?? null,
        dstIp: dst?.ip ?? null,
        dstPort: dst?.port ?? null,
        txPkts: e.txPkts ?? 0,
        txBytes: e.txBytes ?? 0,
        rxPkts: e.rxPkts ?? 0,
        rxBytes: e.rxBytes ?? 0,
      });
    }
  }

  const nodes: NodeSighting[] = [];
  const src = r.srcNode && r.srcNode.nodeId === r.nodeId ? r.srcNode : null;
  nodes.push({
    nodeId: r.nodeId,
    name: src?.name ?? null,
    addresses: uniqueAddresses([...(src?.addresses ?? []), ...ownAddresses]),
    os: src?.os ?? null,
    userLogin: src?.user ?? null,
    tags: src?.tags ?? [],
    seenAt: end,
    isReporter: true,
  });
  for (const peer of r.dstNodes ?? []) {
    if (peer.nodeId === r.nodeId) continue;
    nodes.push({
      nodeId: peer.nodeId,
      name: peer.name ?? null,
      addresses: uniqueAddresses(peer.addresses ?? []),
      os: peer.os ?? null,
      userLogin: peer.user ?? null,
      tags: peer.tags ?? [],
      seenAt: end,
      isReporter: false,
    });
  }
  return { type: "flow", record: { nodeId: r.nodeId, windowStart: start, windowEnd: end, entries: rows, nodes } };
}

// ---------------------------------------------------------------------------------------------
// Fields

const PROTOCOLS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, "ipv6-icmp": 58, icmpv6: 58, sctp: 132 };

export function parseProto(value: number | string | null | undefined): { proto: number | null; protoName: string | null } {
  if (value === null || value === undefined) return { proto: null, protoName: null };
  if (typeof value === "number") return { proto: value, protoName: null };
  const name = value.trim().toLowerCase();
  if (/^\d{1,3}$/.test(name) && Number(name) <= 255) return { proto: Number(name), protoName: null };
  if (name in PROTOCOLS) return { proto: PROTOCOLS[name]!, protoName: null };
  return { proto: null, protoName: value.slice(0, 40) };
}

/** `ip:port`, `[v6]:port`, or a bare address. Null when absent, "invalid" when not an address. */
export function parseEndpoint(value: string | null | undefined): { ip: string; port: number | null } | null | "invalid" {
  if (value === null || value === undefined || value === "") return null;
  let ip: string;
  let port: string | null = null;
  const colon = value.indexOf(":");
  if (value.charCodeAt(0) === 0x5b /* [ */) {
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
    if (!bracketed) return "invalid";
    ip = bracketed[1]!;
    port = bracketed[2] ?? null;
  } else if (colon > 0 && colon === value.lastIndexOf(":")) {
    // IPv4 with a port, the common case: one colon.
    ip = value.slice(0, colon);
    port = value.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return "invalid";
  } else if (isIP(value)) {
    ip = value; // a bare address (IPv4, or IPv6 without brackets)
  } else {
    return "invalid";
  }
  const zone = ip.indexOf("%");
  if (zone >= 0) ip = ip.slice(0, zone);
  if (!isIP(ip)) return "invalid";
  const portNumber = port === null ? null : Number(port);
  if (portNumber !== null && portNumber > 65535) return "invalid";
  return { ip, port: portNumber };
}

function uniqueAddresses(list: readonly string[]): string[] {
  return [...new Set(list.filter((a) => isIP(a.split("/")[0] ?? "") !== 0).map((a) => a.split("/")[0]!))].slice(0, 16);
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A 64-bit hash of an entry's identity as a signed decimal string (PostgreSQL bigint): cyrb53's
 * two 32-bit lanes, kept whole. Not cryptographic, and need not be: it only tells re-deliveries
 * of one entry apart from other entries in the same window; SHA-256 cost a third of the ingest
 * time per entry.
 */
export function hash64(text: string, prefix: HashState = SEED): string {
  let [h1, h2] = prefix;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return BigInt.asIntN(64, (BigInt(h2 >>> 0) << 32n) | BigInt(h1 >>> 0)).toString();
}

type HashState = readonly [number, number];
const SEED: HashState = [0xdeadbeef, 0x41c6ce57];

/** The hash state after `prefix`: hash64(rest, hashPrefix(prefix)) === hash64(prefix + rest). */
export function hashPrefix(prefix: string): HashState {
  let [h1, h2] = SEED;
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return [h1, h2];
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Characters PostgreSQL cannot store (NUL in text, unpaired surrogates in jsonb) are replaced
 * with U+FFFD, everywhere in a parsed value.
 */
export function scrubStrings<T>(value: T): T {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(scrubStrings) as T;
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubStrings(k), scrubStrings(v)])) as T;
  return value;
}
