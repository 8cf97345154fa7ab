import "server-only";
// Acknowledge, assign, unassign, dismiss (with a kind and a reason) and reopen alerts: one at a
// time with the version the person saw (a stale version is a conflict, not a silent overwrite;
// only the API may leave the version out), or in bulk, where alerts the action does not apply to
// are skipped and named. Every change is on the audit trail.
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan, userCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { parseAlertId } from "./get-alert";
import { ZAlertChange, ZAlertIds, ZAlertPatch, ZIfMatch, ZVersion, type AlertChange } from "./schemas";
import { changeOf, refusalOf } from "./status";

/** The assignee as given (a user id or an e-mail address), if they may take alerts. */
async function resolveAssignee(tx: Tx, change: AlertChange): Promise<AlertChange> {
  if (change.action !== "assign") return change;
  const key = change.assigneeId;
  const user = await tx.user.findFirst({ where: key.includes("@") ? { email: key.toLowerCase() } : { id: key }, select: { id: true, email: true, name: true, roles: true, disabledAt: true } });
  if (!user || !userCan(user, "alerts.work")) {
    throw new AppError("INVALID_INPUT", "Alerts go to members of the security team only.", { fieldErrors: { assigneeId: ["Pick a member of the security team."] } });
  }
  return { action: "assign", assigneeId: user.id };
}

type Locked = { id: number; status: "OPEN" | "ACKNOWLEDGED" | "LINKED" | "DISMISSED"; assigneeId: string | null; dismissal: string | null; dismissReason: string | null; version: number };

async function apply(tx: Tx, viewer: Viewer, alert: Locked, change: AlertChange, now: Date) {
  const data = changeOf(change, now);
  await tx.alert.update({ where: { id: alert.id }, data: { ...data, version: { increment: 1 } } });
  const before = Object.fromEntries(Object.keys(data).map((k) => [k, (alert as Record<string, unknown>)[k] ?? null]));
  await appendAudit(tx, viewer, { action: `alert.${change.action}`, targetType: "Alert", targetId: String(alert.id), before, after: data });
}

/** One alert, at the version the person saw; returns the alert's new version. */
export async function updateAlert({ viewer, id, version, input, now = new Date() }: { viewer: Viewer; id: string | number; version: unknown; input: unknown; now?: Date }) {
  assertCan(viewer, "alerts.work");
  // The pages always send the version they showed: without one this is a 422, never an overwrite.
  const seen = parseInput(ZVersion, version);
  return changeOne(viewer, id, { version: seen, stale: "CONFLICT" }, () => [parseInput(ZAlertChange, input)], now);
}

/**
 * The REST API's PATCH: the status to move to and/or the assignee, in one transaction. Checked
 * against the `version` in the body or the `If-Match` header when either is given; with neither,
 * applied to the alert as it is (last write wins). Asking for the status it already has changes
 * nothing.
 */
export async function patchAlert({ viewer, id, input, ifMatch, now = new Date() }: { viewer: Viewer; id: string | number; input: unknown; ifMatch?: string | null; now?: Date }) {
  assertCan(viewer, "alerts.work");
  const patch = parseInput(ZAlertPatch, input);
  return changeOne(
    viewer,
    id,
    expectedVersion(patch.version, ifMatch),
    (alert) => {
      const changes: AlertChange[] = [];
      if (patch.assignee !== undefined) changes.push(patch.assignee === null ? { action: "unassign" } : { action: "assign", assigneeId: patch.assignee });
      if (patch.status && patch.status !== alert.status) {
        if (patch.status === "OPEN") changes.push({ action: "reopen" });
        else if (patch.status === "ACKNOWLEDGED") changes.push({ action: "acknowledge" });
        else changes.push(parseInput(ZAlertChange, { action: "dismiss", dismissal: patch.dismissal, reason: patch.reason }));
      }
      return changes;
    },
    now,
  );
}

/** What a change must find: the version, and the error when it is stale (412 for If-Match, as HTTP says). */
type Expected = { version: number; stale: "CONFLICT" | "PRECONDITION_FAILED" };

/** The version a PATCH must find: the body's, else If-Match's; null when neither names one. */
function expectedVersion(bodyVersion: number | undefined, ifMatch: string | null | undefined): Expected | null {
  const header = ifMatch == null ? undefined : ZIfMatch.safeParse(ifMatch);
  if (header && !header.success) {
    const messages = header.error.issues.map((i) => i.message);
    throw new AppError("BAD_REQUEST", messages[0]!, { fieldErrors: { "If-Match": messages } });
  }
  const tagged = header?.data ?? null;
  if (bodyVersion !== undefined && tagged !== null && tagged !== bodyVersion) {
    throw new AppError("BAD_REQUEST", `The body's version (${bodyVersion}) and If-Match (${tagged}) disagree: send the alert's version once.`);
  }
  if (bodyVersion !== undefined) return { version: bodyVersion, stale: "CONFLICT" };
  return tagged === null ? null : { version: tagged, stale: "PRECONDITION_FAILED" };
}

/** `seen` null: no version check (an API PATCH that named none); still locked and in one transaction. */
async function changeOne(viewer: Viewer, id: string | number, seen: Expected | null, changesOf: (alert: Locked) => AlertChange[], now: Date) {
  const alertId = parseAlertId(id);
  if (alertId === null) throw notFound("alert");
  return db.$transaction(async (tx) => {
    const [alert] = await tx.$queryRaw<Locked[]>`
      SELECT id, status::text AS status, assignee_id AS "assigneeId", dismissal::text AS dismissal, dismiss_reason AS "dismissReason", version
      FROM alerts WHERE id = ${alertId} FOR UPDATE`;
    if (!alert) throw notFound("alert");
    if (seen !== null && alert.version !== seen.version) {
      throw new AppError(seen.stale, `Alert #${alertId} changed since you loaded it (someone acted on it or new events joined). Reload it and try again.`, { version: alert.version });
    }
    let state = alert;
    for (const requested of changesOf(alert)) {
      const change = await resolveAssignee(tx, requested);
      if (change.action === "unassign" && !state.assigneeId) continue;
      if (change.action === "assign" && state.assigneeId === change.assigneeId) continue;
      const refusal = refusalOf(state, change);
      if (refusal) throw new AppError("CONFLICT", `Alert #${alertId} cannot be ${pastTense(change)}: ${refusal}.`);
      await apply(tx, viewer, state, change, now);
      state = { ...state, ...(changeOf(change, now) as Partial<Locked>), version: state.version + 1 };
    }
    return { id: alertId, version: state.version };
  });
}

/** Many alerts at once (the queue's bulk actions): those the action applies to change, the rest are skipped. */
export async function updateAlerts({ viewer, ids, input, now = new Date() }: { viewer: Viewer; ids: unknown; input: unknown; now?: Date }) {
  assertCan(viewer, "alerts.work");
  const alertIds = parseInput(ZAlertIds, ids);
  const parsed = parseInput(ZAlertChange, input);
  return db.$transaction(
    async (tx) => {
      const change = await resolveAssignee(tx, parsed);
      const alerts = await tx.$queryRaw<Locked[]>`
        SELECT id, status::text AS status, assignee_id AS "assigneeId", dismissal::text AS dismissal, dismiss_reason AS "dismissReason", version
        FROM alerts WHERE id = ANY(${alertIds}::int[]) ORDER BY id FOR UPDATE`;
      const changed: number[] = [];
      const skipped: { id: number; reason: string }[] = [];
      for (const alert of alerts) {
        const refusal = refusalOf(alert, change);
        if (refusal) {
          skipped.push({ id: alert.id, reason: refusal });
          continue;
        }
        await apply(tx, viewer, alert, change, now);
        changed.push(alert.id);
      }
      const missing = alertIds.filter((id) => !alerts.some((a) => a.id === id));
      for (const id of [...new Set(missing)]) skipped.push({ id, reason: "no such alert" });
      return { changed, skipped };
    },
    { timeout: 30_000 },
  );
}

const pastTense = (c: AlertChange) => ({ acknowledge: "acknowledged", assign: "assigned", unassign: "unassigned", dismiss: "dismissed", reopen: "reopened" })[c.action];
