import "server-only";
// A case's observables: those extracted from linked alerts (lib/cases/link-alerts.ts stores them)
// and those added by hand, each with the other cases and the alerts where the same value
// appears. Other cases come only through caseWhere, so a sealed case the viewer may not see
// leaves no trace; an alert linked to such a case is left out too.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ObservableType } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import { caseWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, findVisibleCaseId, lockCase, touchCase } from "./case-records";
import { normalizeObservable, OBSERVABLE_LABELS, OBSERVABLE_TYPES } from "./observables-validate";

const RELATED_PER_VALUE = 20;

export const ZObservableAdd = z
  .object({
    type: z.enum(OBSERVABLE_TYPES, { error: (i) => `"${String(i.input)}" is not an observable type: use one of ${OBSERVABLE_TYPES.join(", ")}.` }),
    value: z.string({ error: "The value must be text." }).max(10_000, "A value can be at most 2,048 characters."),
  })
  .strict();

export type RelatedCase = { reference: string; title: string; status: string };
export type RelatedAlert = { id: number; title: string; severity: string };

/** The case's observables with cross-references; `q` filters by value (case-insensitive). */
export async function listObservables({ viewer, reference, q }: { viewer: Viewer; reference: string; q?: string }) {
  const caseId = await findVisibleCaseId(db, viewer, reference);
  const search = typeof q === "string" ? q.trim().slice(0, 200) : "";
  const rows = await db.caseObservable.findMany({
    where: { caseId, ...(search ? { value: { contains: search, mode: "insensitive" } } : {}) },
    orderBy: [{ type: "asc" }, { value: "asc" }],
    take: 2000,
  });
  const total = search ? await db.caseObservable.count({ where: { caseId } }) : rows.length;
  const pairs = rows.map((r) => ({ type: r.type, value: r.value }));

  // Other visible cases holding the same (type, value).
  const sameElsewhere = pairs.length
    ? await db.caseObservable.findMany({
        where: { OR: pairs, caseId: { not: caseId }, case: { AND: [caseWhere(viewer), { mergedIntoId: null }] } },
        select: { type: true, value: true, source: true, case: { select: { reference: true, title: true, status: true } } },
        orderBy: { createdAt: "desc" },
        take: 5000,
      })
    : [];
  const casesByKey = new Map<string, RelatedCase[]>();
  const alertIdsByKey = new Map<string, Set<number>>();
  const key = (type: string, value: string) => `${type}\u0000${value}`;
  for (const o of sameElsewhere) {
    const list = casesByKey.get(key(o.type, o.value)) ?? [];
    if (!list.some((c) => c.reference === o.case.reference) && list.length < RELATED_PER_VALUE) list.push(o.case);
    casesByKey.set(key(o.type, o.value), list);
  }
  // Alerts: those an observable came from (in this case or another visible one) and those whose
  // device, login or entity is the value; none linked to a case the viewer may not see.
  for (const o of [...rows, ...sameElsewhere]) {
    const m = /^alert:(\d+)$/.exec(o.source);
    if (m) (alertIdsByKey.get(key(o.type, o.value)) ?? alertIdsByKey.set(key(o.type, o.value), new Set()).get(key(o.type, o.value))!).add(Number(m[1]));
  }
  const alertsByKey = new Map<string, RelatedAlert[]>();
  if (can(viewer, "alerts.read") && pairs.length) {
    const direct: Prisma.AlertWhereInput[] = pairs.flatMap((p) => [
      { entity: p.value },
      ...(p.type === "DEVICE_ID" ? [{ deviceNodeId: p.value }] : []),
      ...(p.type === "USER" ? [{ userLogin: { equals: p.value, mode: "insensitive" as const } }] : []),
    ]);
    const ids = [...new Set([...alertIdsByKey.values()].flatMap((s) => [...s]))];
    const alerts = await db.alert.findMany({
      where: { AND: [{ OR: [...direct.slice(0, 3000), ...(ids.length ? [{ id: { in: ids } }] : [])] }, { OR: [{ caseId: null }, { case: caseWhere(viewer) }] }] },
      select: { id: true, title: true, severity: true, entity: true, deviceNodeId: true, userLogin: true },
      orderBy: { id: "desc" },
      take: 2000,
    });
    for (const p of pairs) {
      const k = key(p.type, p.value);
      const fromSources = alertIdsByKey.get(k) ?? new Set<number>();
      const matched = alerts.filter((a) => fromSources.has(a.id) || a.entity === p.value || (p.type === "DEVICE_ID" && a.deviceNodeId === p.value) || (p.type === "USER" && a.userLogin?.toLowerCase() === p.value));
      alertsByKey.set(k, matched.slice(0, RELATED_PER_VALUE).map((a) => ({ id: a.id, title: a.title, severity: a.severity })));
    }
  }
  const observables = rows.map((r) => ({
    id: r.id,
    type: r.type,
    value: r.value,
    source: r.source,
    createdAt: r.createdAt,
    otherCases: casesByKey.get(key(r.type, r.value)) ?? [],
    alerts: alertsByKey.get(key(r.type, r.value)) ?? [],
  }));
  const groups = OBSERVABLE_TYPES.map((type) => ({ type, label: OBSERVABLE_LABELS[type], items: observables.filter((o) => o.type === type) })).filter((g) => g.items.length);
  return { observables, groups, total, shown: rows.length };
}

export async function addObservable({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const v = parseInput(ZObservableAdd, input);
  const check = normalizeObservable(v.type as ObservableType, v.value);
  if (!check.ok) throw new AppError("INVALID_INPUT", check.error, { fieldErrors: { value: [check.error] } });
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference);
    const exists = await tx.caseObservable.findUnique({ where: { caseId_type_value: { caseId: c.id, type: v.type, value: check.value } } });
    if (exists) throw new AppError("CONFLICT", `${OBSERVABLE_LABELS[v.type]} ${check.value} is already on this case.`);
    const o = await tx.caseObservable.create({ data: { caseId: c.id, type: v.type, value: check.value, source: "manual" } });
    await autoEntry(tx, viewer, c.id, `Observable added: ${OBSERVABLE_LABELS[v.type]} ${check.value}`, { observableId: o.id }, now);
    await auditCase(tx, viewer, c, "observable_add", undefined, { type: v.type, value: check.value });
    const updated = await touchCase(tx, c.id);
    return { reference, observable: o, version: updated.version };
  });
}

/** Removes one observable (by hand or extracted: a false extraction can go too). */
export async function removeObservable({ viewer, reference, observableId, now = new Date() }: { viewer: Viewer; reference: string; observableId: string; now?: Date }) {
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference);
    const o = typeof observableId === "string" && observableId.length <= 40 ? await tx.caseObservable.findFirst({ where: { id: observableId, caseId: c.id } }) : null;
    if (!o) throw notFound("observable");
    await tx.caseObservable.delete({ where: { id: o.id } });
    await autoEntry(tx, viewer, c.id, `Observable removed: ${OBSERVABLE_LABELS[o.type]} ${o.value}`, { type: o.type, value: o.value }, now);
    await auditCase(tx, viewer, c, "observable_remove", { type: o.type, value: o.value, source: o.source });
    const updated = await touchCase(tx, c.id);
    return { reference, version: updated.version };
  });
}
