import "server-only";
// The logging posture: is logging at a very high level right now? One item per question (flow
// logging on, exit-flow logging on, log streaming destinations present, every ingest source
// healthy, devices countersigning their traffic, devices never seen reporting), each green,
// amber or red with the evidence behind it. `decidePosture` is the pure decision over the facts
// `loadPostureFacts` reads from the database.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { quietMinutes } from "@/lib/ingest/status";
import { getIngestSettings } from "@/lib/ingest/settings";
import type { IngestSourceKind } from "@/lib/generated/prisma/enums";

export type PostureLevel = "green" | "amber" | "red";

/** The latest successful audit event about one tailnet setting. */
export type SettingEvent = { id: string; eventTime: Date; action: string; new: unknown; old: unknown; actor: string | null };

export type PostureFacts = {
  flowLogging: SettingEvent | null;
  exitFlowLogging: SettingEvent | null;
  /** Successful LOGSTREAM_ENDPOINT events, newest first. */
  logStreaming: SettingEvent[];
  sources: { id: number; name: string; kind: IngestSourceKind; revokedAt: Date | null; lastRecordAt: Date | null; lastErrorAt: Date | null; lastError: string | null }[];
  quietAfterMinutes: number;
  /** Flow entries stored in the last 24 hours (all sources). */
  flowEntries24h: number;
  /** Devices with two-sided traffic in the last 24 hours, and those of them with at least 95 % of it countersigned. */
  devicesWithTraffic24h: number;
  devicesFullyCountersigned24h: number;
  countersigned24h: number;
  twoSided24h: number;
  devices: number;
  /** Devices in the inventory that never reported a record of their own. */
  neverReporting: { nodeId: string; name: string | null; lastSeenAt: Date }[];
};

export type PostureItem = {
  key: "flow-logging" | "exit-flow-logging" | "log-streaming" | "ingest-sources" | "countersigning" | "never-reporting";
  title: string;
  level: PostureLevel;
  summary: string;
  evidence: string[];
  href: string;
};

const DAY = 24 * 60 * 60_000;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** On, off, or unknown, from the latest ENABLE / DISABLE / UPDATE of a tailnet setting. */
export function settingState(e: SettingEvent | null): "on" | "off" | null {
  if (!e) return null;
  if (e.action === "ENABLE" || (e.action === "UPDATE" && e.new === true)) return "on";
  if (e.action === "DISABLE" || (e.action === "UPDATE" && e.new === false)) return "off";
  return null;
}

function settingItem(key: "flow-logging" | "exit-flow-logging", title: string, property: string, e: SettingEvent | null, flowEntries24h: number): PostureItem {
  const href = `/logs/audit?property=${property}`;
  const state = settingState(e);
  const by = e ? `${e.action} by ${e.actor ?? "an unknown actor"} at ${iso(e.eventTime)}` : "";
  if (state === "off") return { key, title, level: "red", summary: `${title} is off.`, evidence: [`Latest ${property} event: ${by}.`], href };
  if (state === "on") return { key, title, level: "green", summary: `${title} is on.`, evidence: [`Latest ${property} event: ${by}.`], href };
  const evidence = [`No ${property} setting change in the configuration log.`];
  if (key === "flow-logging" && flowEntries24h > 0) {
    return { key, title, level: "green", summary: `${title} is on: flow records are arriving.`, evidence: [...evidence, `${flowEntries24h} flow entries stored in the last 24 hours.`], href: "/logs/flows" };
  }
  return { key, title, level: "amber", summary: `Not known whether ${title.toLowerCase()} is on.`, evidence, href };
}

/** The destinations present per log type: the latest event per type decides (DELETE removes it). */
export function streamingDestinations(events: SettingEvent[]): Map<string, { present: boolean; event: SettingEvent; endpoint: string | null }> {
  const byType = new Map<string, { present: boolean; event: SettingEvent; endpoint: string | null }>();
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  for (const e of [...events].sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime())) {
    const d = obj(e.new) ?? obj(e.old);
    const type = typeof d?.logstreamType === "string" ? d.logstreamType : "unknown";
    if (byType.has(type)) continue;
    const present = e.action !== "DELETE" && !(e.action === "UPDATE" && e.new === null);
    const endpoint = typeof d?.endpointURL === "string" ? d.endpointURL : typeof d?.s3Bucket === "string" ? `s3://${d.s3Bucket}` : null;
    byType.set(type, { present, event: e, endpoint });
  }
  return byType;
}

export function decidePosture(f: PostureFacts, now: Date): PostureItem[] {
  const items: PostureItem[] = [
    settingItem("flow-logging", "Network flow logging", "NETWORK_FLOW_LOGGING", f.flowLogging, f.flowEntries24h),
    settingItem("exit-flow-logging", "Exit-node flow logging", "LOG_EXIT_FLOWS", f.exitFlowLogging, f.flowEntries24h),
  ];

  const dest = streamingDestinations(f.logStreaming);
  const streamHref = "/logs/audit?property=LOGSTREAM_ENDPOINT";
  if (dest.size === 0) {
    items.push({ key: "log-streaming", title: "Log streaming destinations", level: "amber", summary: "No log streaming change in the configuration log: destinations unknown.", evidence: ["No LOGSTREAM_ENDPOINT event."], href: streamHref });
  } else {
    const evidence = [...dest].map(([type, d]) => `${type}: ${d.present ? "present" : "deleted"}${d.endpoint ? ` (${d.endpoint})` : ""}, ${d.event.action} by ${d.event.actor ?? "an unknown actor"} at ${iso(d.event.eventTime)}.`);
    const missing = [...dest].filter(([, d]) => !d.present).map(([t]) => t);
    items.push(
      missing.length
        ? { key: "log-streaming", title: "Log streaming destinations", level: "red", summary: `Streaming deleted for ${missing.join(", ")} logs.`, evidence, href: streamHref }
        : { key: "log-streaming", title: "Log streaming destinations", level: "green", summary: `${dest.size} destination${dest.size === 1 ? "" : "s"} present.`, evidence, href: streamHref },
    );
  }

  const live = f.sources.filter((s) => !s.revokedAt && s.kind !== "IMPORT");
  const quiet = live.filter((s) => quietMinutes(s, f.quietAfterMinutes, now) !== null);
  const erroring = live.filter((s) => s.lastErrorAt && (!s.lastRecordAt || s.lastErrorAt > s.lastRecordAt));
  const silentEver = live.filter((s) => !s.lastRecordAt);
  const sourceEvidence = live.map((s) => {
    const q = quietMinutes(s, f.quietAfterMinutes, now);
    return `${s.name}: ${s.lastRecordAt ? `last record ${iso(s.lastRecordAt)}` : "no record yet"}${q !== null ? `, quiet for ${q} min` : ""}${s.lastErrorAt && erroring.includes(s) ? `, last error ${iso(s.lastErrorAt)}: ${s.lastError ?? "unknown"}` : ""}.`;
  });
  items.push(
    live.length === 0
      ? { key: "ingest-sources", title: "Ingest sources", level: "red", summary: "No active ingest source: no logs arrive.", evidence: ["No source that is not revoked."], href: "/ingest" }
      : quiet.length || erroring.length
        ? { key: "ingest-sources", title: "Ingest sources", level: "red", summary: `${quiet.length + erroring.filter((s) => !quiet.includes(s)).length} of ${live.length} sources unhealthy (quiet or failing).`, evidence: sourceEvidence, href: "/ingest" }
        : silentEver.length
          ? { key: "ingest-sources", title: "Ingest sources", level: "amber", summary: `${silentEver.length} of ${live.length} sources never sent a record.`, evidence: sourceEvidence, href: "/ingest" }
          : { key: "ingest-sources", title: "Ingest sources", level: "green", summary: `All ${live.length} sources healthy.`, evidence: sourceEvidence, href: "/ingest" },
  );

  const rate = f.twoSided24h ? f.countersigned24h / f.twoSided24h : null;
  const deviceShare = f.devicesWithTraffic24h ? f.devicesFullyCountersigned24h / f.devicesWithTraffic24h : null;
  const csEvidence = [
    `${f.devicesFullyCountersigned24h} of ${f.devicesWithTraffic24h} devices with traffic had at least 95 % of their connections countersigned.`,
    `${f.countersigned24h} of ${f.twoSided24h} device-connections countersigned${rate !== null ? ` (${(rate * 100).toFixed(1)} %)` : ""}.`,
  ];
  items.push(
    deviceShare === null
      ? { key: "countersigning", title: "Countersigned traffic (24 h)", level: "amber", summary: "No verified two-sided traffic in the last 24 hours.", evidence: csEvidence, href: "/integrity/devices" }
      : {
          key: "countersigning",
          title: "Countersigned traffic (24 h)",
          level: deviceShare >= 0.99 ? "green" : deviceShare >= 0.9 ? "amber" : "red",
          summary: `${(deviceShare * 100).toFixed(0)} % of devices countersigned their traffic (at least 95 % of it).`,
          evidence: csEvidence,
          href: "/integrity/devices?sort=worst",
        },
  );

  const never = f.neverReporting;
  items.push({
    key: "never-reporting",
    title: "Devices never seen reporting",
    level: never.length === 0 ? "green" : f.devices && never.length / f.devices > 0.1 ? "red" : "amber",
    summary: never.length === 0 ? `All ${f.devices} devices have reported their own records.` : `${never.length} of ${f.devices} devices never reported a record of their own.`,
    evidence: never.slice(0, 20).map((d) => `${d.name ?? d.nodeId} (${d.nodeId}), seen by peers until ${iso(d.lastSeenAt)}.`),
    href: "/devices?status=peer-only",
  });
  return items;
}

async function latestSetting(property: string, now: Date): Promise<SettingEvent | null> {
  const e = await db.auditEvent.findFirst({
    where: { targetType: "TAILNET", targetProperty: property, error: null, action: { in: ["ENABLE", "DISABLE", "UPDATE"] }, eventTime: { lte: now } },
    orderBy: [{ eventTime: "desc" }, { id: "desc" }],
    select: { id: true, eventTime: true, action: true, new: true, old: true, actorLogin: true, actorName: true },
  });
  return e ? { id: String(e.id), eventTime: e.eventTime, action: e.action, new: e.new, old: e.old, actor: e.actorLogin || e.actorName } : null;
}

export async function loadPostureFacts(now: Date): Promise<PostureFacts> {
  const dayAgo = new Date(now.getTime() - DAY);
  const [flowLogging, exitFlowLogging, streams, sources, settings, flow, cs, devices, never] = await Promise.all([
    latestSetting("NETWORK_FLOW_LOGGING", now),
    latestSetting("LOG_EXIT_FLOWS", now),
    db.auditEvent.findMany({
      where: { targetType: "TAILNET", targetProperty: "LOGSTREAM_ENDPOINT", error: null, eventTime: { lte: now } },
      orderBy: [{ eventTime: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, eventTime: true, action: true, new: true, old: true, actorLogin: true, actorName: true },
    }),
    db.ingestSource.findMany({ select: { id: true, name: true, kind: true, revokedAt: true, lastRecordAt: true, lastErrorAt: true, lastError: true }, orderBy: { name: "asc" } }),
    getIngestSettings(),
    db.$queryRaw<{ n: number }[]>`SELECT coalesce(sum(flow_stored), 0)::float8 AS n FROM ingest_minutes WHERE minute > ${dayAgo} AND minute <= ${now}`,
    db.$queryRaw<{ devices: number; full: number; cs: number; two: number }[]>`
      SELECT count(*)::int AS devices, count(*) FILTER (WHERE cs >= 0.95 * two)::int AS full, coalesce(sum(cs), 0)::float8 AS cs, coalesce(sum(two), 0)::float8 AS two
        FROM (SELECT node_id, sum(countersigned) AS cs, sum(countersigned + mismatched + silent + peer_silent) AS two
                FROM integrity_device_buckets WHERE bucket >= ${dayAgo} AND bucket < ${now} GROUP BY node_id) d
       WHERE two > 0`,
    db.device.count(),
    db.device.findMany({ where: { lastRecordAt: null }, select: { nodeId: true, name: true, lastSeenAt: true }, orderBy: { lastSeenAt: "desc" }, take: 200 }),
  ]);
  return {
    flowLogging,
    exitFlowLogging,
    logStreaming: streams.map((e) => ({ id: String(e.id), eventTime: e.eventTime, action: e.action, new: e.new, old: e.old, actor: e.actorLogin || e.actorName })),
    sources,
    quietAfterMinutes: settings.quietAfterMinutes,
    flowEntries24h: flow[0]?.n ?? 0,
    devicesWithTraffic24h: cs[0]?.devices ?? 0,
    devicesFullyCountersigned24h: cs[0]?.full ?? 0,
    countersigned24h: cs[0]?.cs ?? 0,
    twoSided24h: cs[0]?.two ?? 0,
    devices,
    neverReporting: never,
  };
}

export async function loggingPosture({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  assertCan(viewer, "logs.read");
  const facts = await loadPostureFacts(now);
  return { now, items: decidePosture(facts, now), facts };
}
