import "server-only";
// The data behind each checklist item for a review's period [from, to): computed live while the
// review is open, frozen into log_reviews.snapshot at sign-off. Computed without a viewer (it is
// frozen once for everyone who may read reviews); what a viewer may not see of sealed reports is
// left out when it is shown (redactChecklist, through lib/auth).
import { db } from "@/lib/db";
import { canSeeClass } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { quietSpans, restartSpans, silentSpans } from "@/lib/integrity/gaps";
import { SILENT_MINUTES } from "@/lib/detections/rules/countersign-integrity/possible-restart";
import type { Severity, Visibility } from "@/lib/generated/prisma/enums";

/** Quiet and silent spans shorter than this are noise (a device with nothing to say). */
export const MIN_SPAN_MINUTES = 5;
const LIST = 50;
const LOGIN_LIST = 20;

export type LoggingState = { enabled: boolean | null; changedAt: string | null; actor: string | null };
export type ChecklistData = {
  period: { from: string; to: string };
  computedAt: string;
  logging: {
    flowLogging: LoggingState;
    exitFlowLogging: LoggingState;
    streamingChanges: { at: string; action: string; actor: string | null; old: unknown; new: unknown }[];
    sources: { id: number; name: string; kind: string; revoked: boolean; lastRecordAt: string | null; lastError: string | null; records: number; errors: number }[];
    quietSpans: { source: string; from: string; to: string; minutes: number }[];
  };
  alerts: {
    bySeverity: Record<Severity, number>;
    stillOpen: number;
    total: number;
    reports: { visibility: Visibility; count: number; byCategory: Record<string, number> | null }[];
  };
  gaps: {
    silentSpans: { nodeId: string; device: string | null; from: string; to: string; minutes: number }[];
    countersign: { countersigned: number; mismatched: number; silent: number; peerSilent: number; rate: number | null };
  };
  logins: {
    tailscale: { failed: number; byActor: { actor: string; count: number }[]; logins: number };
    countersign: { failed: number; blocked: number; lockouts: number; byAccount: { account: string; failed: number; lockouts: number }[] };
  };
  restarts: { spans: { nodeId: string; device: string | null; from: string; to: string; minutes: number; endpointBefore: string; endpointAfter: string }[]; thresholdMinutes: number };
  /** How many entries each list left out (lists keep the first 50, or 20 for logins); absent in reviews frozen before it was kept. */
  omitted?: ChecklistOmitted;
};
export type ChecklistOmitted = { quietSpans: number; silentSpans: number; tailscaleActors: number; countersignAccounts: number; restarts: number };

const SEVERITIES: Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];

// A setting's state at the end of the period: its latest successful change before then
// (ENABLE/DISABLE, or UPDATE with a boolean new value). Null: no change on record.
async function settingState(property: string, to: Date): Promise<LoggingState> {
  const rows = await db.auditEvent.findMany({
    where: { targetProperty: property, error: null, eventTime: { lt: to }, action: { in: ["ENABLE", "DISABLE", "UPDATE"] } },
    orderBy: [{ eventTime: "desc" }, { id: "desc" }],
    take: 10,
    select: { eventTime: true, action: true, new: true, actorLogin: true, actorName: true },
  });
  for (const r of rows) {
    const enabled = r.action === "ENABLE" ? true : r.action === "DISABLE" ? false : typeof r.new === "boolean" ? r.new : null;
    if (enabled !== null) return { enabled, changedAt: r.eventTime.toISOString(), actor: r.actorLogin || r.actorName || null };
  }
  return { enabled: null, changedAt: null, actor: null };
}

async function deviceNames(nodeIds: string[]): Promise<Map<string, string>> {
  if (!nodeIds.length) return new Map();
  const devices = await db.device.findMany({ where: { nodeId: { in: [...new Set(nodeIds)] } }, select: { nodeId: true, name: true } });
  return new Map(devices.filter((d) => d.name).map((d) => [d.nodeId, d.name!]));
}

export async function computeChecklist({ from, to, now = new Date() }: { from: Date; to: Date; now?: Date }): Promise<ChecklistData> {
  const period = { gte: from, lt: to };
  const [flowLogging, exitFlowLogging, streaming, sources, minutes, quiet] = await Promise.all([
    settingState("NETWORK_FLOW_LOGGING", to),
    settingState("LOG_EXIT_FLOWS", to),
    db.auditEvent.findMany({ where: { targetProperty: "LOGSTREAM_ENDPOINT", eventTime: period }, orderBy: { eventTime: "asc" }, take: LIST, select: { eventTime: true, action: true, actorLogin: true, actorName: true, old: true, new: true, error: true } }),
    db.ingestSource.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, kind: true, revokedAt: true, lastRecordAt: true, lastError: true, lastErrorAt: true } }),
    db.ingestMinute.groupBy({ by: ["sourceId"], where: { minute: period }, _sum: { records: true, errors: true } }),
    quietSpans({ from, to, minMinutes: MIN_SPAN_MINUTES }),
  ]);
  const perSource = new Map(minutes.map((m) => [m.sourceId, m._sum]));

  const [alertsBySeverity, stillOpen, reports] = await Promise.all([
    db.alert.groupBy({ by: ["severity"], where: { createdAt: period }, _count: { _all: true } }),
    db.alert.count({ where: { createdAt: period, status: "OPEN" } }),
    db.report.groupBy({ by: ["visibility", "category"], where: { createdAt: period }, _count: { _all: true } }),
  ]);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, alertsBySeverity.find((a) => a.severity === s)?._count._all ?? 0])) as Record<Severity, number>;
  const reportClasses = new Map<Visibility, Record<string, number>>();
  for (const r of reports) {
    const cats = reportClasses.get(r.visibility) ?? {};
    cats[r.category] = r._count._all;
    reportClasses.set(r.visibility, cats);
  }

  const [silent, counts, restarts] = await Promise.all([
    silentSpans({ from, to, minMinutes: MIN_SPAN_MINUTES }),
    db.$queryRaw<{ cs: number | null; mm: number | null; sil: number | null; psil: number | null }[]>`
      SELECT sum(countersigned)::int AS cs, sum(mismatched)::int AS mm, sum(silent)::int AS sil, sum(peer_silent)::int AS psil
        FROM integrity_device_buckets WHERE bucket >= ${from} AND bucket < ${to}`,
    restartSpans({ from, to, minMinutes: SILENT_MINUTES }),
  ]);
  const c = counts[0] ?? { cs: 0, mm: 0, sil: 0, psil: 0 };
  const cs = c.cs ?? 0, mm = c.mm ?? 0, sil = c.sil ?? 0, psil = c.psil ?? 0;
  const names = await deviceNames([...silent.map((s) => s.nodeId), ...restarts.map((r) => r.nodeId)]);

  // Tailscale: LOGIN records that carry an error, and requests Tailscale refused (FAILED_REQUEST).
  const [tsFailed, tsLogins, ownFailed] = await Promise.all([
    db.auditEvent.groupBy({
      by: ["actorLogin"],
      where: { eventTime: period, OR: [{ action: "LOGIN", error: { not: null } }, { targetType: "FAILED_REQUEST" }] },
      _count: { _all: true },
    }),
    db.auditEvent.count({ where: { eventTime: period, action: "LOGIN" } }),
    db.auditLog.groupBy({
      by: ["actorLabel", "action"],
      where: { createdAt: period, action: { in: ["auth.sign_in_failed", "auth.sign_in_blocked", "auth.account_locked"] } },
      _count: { _all: true },
    }),
  ]);
  const accounts = new Map<string, { failed: number; lockouts: number }>();
  for (const r of ownFailed) {
    const a = accounts.get(r.actorLabel) ?? { failed: 0, lockouts: 0 };
    if (r.action === "auth.sign_in_failed") a.failed += r._count._all;
    if (r.action === "auth.account_locked") a.lockouts += r._count._all;
    accounts.set(r.actorLabel, a);
  }
  const sum = (action: string) => ownFailed.filter((r) => r.action === action).reduce((n, r) => n + r._count._all, 0);
  const flaggedAccounts = [...accounts.entries()].map(([account, a]) => ({ account, ...a })).filter((a) => a.failed || a.lockouts);
  /** What a list kept to its first `cap` entries left out. */
  const beyond = (list: unknown[], cap: number) => Math.max(0, list.length - cap);

  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    computedAt: now.toISOString(),
    logging: {
      flowLogging,
      exitFlowLogging,
      streamingChanges: streaming.map((s) => ({ at: s.eventTime.toISOString(), action: s.error ? `${s.action} (failed: ${s.error})` : s.action, actor: s.actorLogin || s.actorName || null, old: s.old ?? null, new: s.new ?? null })),
      sources: sources
        .filter((s) => !s.revokedAt || s.revokedAt >= from)
        .map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.kind,
          revoked: Boolean(s.revokedAt && s.revokedAt < to),
          lastRecordAt: s.lastRecordAt?.toISOString() ?? null,
          lastError: s.lastErrorAt && s.lastErrorAt >= from && s.lastErrorAt < to ? s.lastError : null,
          records: perSource.get(s.id)?.records ?? 0,
          errors: perSource.get(s.id)?.errors ?? 0,
        })),
      quietSpans: quiet.slice(0, LIST).map((q) => ({ source: q.sourceName, from: q.from.toISOString(), to: q.to.toISOString(), minutes: q.minutes })),
    },
    alerts: {
      bySeverity,
      stillOpen,
      total: SEVERITIES.reduce((n, s) => n + bySeverity[s], 0),
      reports: [...reportClasses.entries()].map(([visibility, byCategory]) => ({ visibility, count: Object.values(byCategory).reduce((n, x) => n + x, 0), byCategory })),
    },
    gaps: {
      silentSpans: silent.slice(0, LIST).map((s) => ({ nodeId: s.nodeId, device: names.get(s.nodeId) ?? null, from: s.from.toISOString(), to: s.to.toISOString(), minutes: s.minutes })),
      countersign: { countersigned: cs, mismatched: mm, silent: sil, peerSilent: psil, rate: cs + mm + sil + psil > 0 ? cs / (cs + mm + sil + psil) : null },
    },
    logins: {
      tailscale: {
        failed: tsFailed.reduce((n, r) => n + r._count._all, 0),
        byActor: tsFailed.map((r) => ({ actor: r.actorLogin || "(unknown)", count: r._count._all })).sort((a, b) => b.count - a.count).slice(0, LOGIN_LIST),
        logins: tsLogins,
      },
      countersign: {
        failed: sum("auth.sign_in_failed"),
        blocked: sum("auth.sign_in_blocked"),
        lockouts: sum("auth.account_locked"),
        byAccount: flaggedAccounts.sort((a, b) => b.failed - a.failed).slice(0, LOGIN_LIST),
      },
    },
    restarts: {
      spans: restarts.slice(0, LIST).map((r) => ({ nodeId: r.nodeId, device: names.get(r.nodeId) ?? null, from: r.from.toISOString(), to: r.to.toISOString(), minutes: r.minutes, endpointBefore: r.endpointBefore, endpointAfter: r.endpointAfter })),
      thresholdMinutes: SILENT_MINUTES,
    },
    omitted: {
      quietSpans: beyond(quiet, LIST),
      silentSpans: beyond(silent, LIST),
      tailscaleActors: beyond(tsFailed, LOGIN_LIST),
      countersignAccounts: beyond(flaggedAccounts, LOGIN_LIST),
      restarts: beyond(restarts, LIST),
    },
  };
}

/** What a viewer may see of the data: categories of sealed reports only for those who may read that class. */
export function redactChecklist(data: ChecklistData, viewer: Viewer): ChecklistData {
  return {
    ...data,
    alerts: { ...data.alerts, reports: data.alerts.reports.map((r) => (canSeeClass(viewer, r.visibility) ? r : { ...r, byCategory: null })) },
  };
}
