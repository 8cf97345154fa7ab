import "server-only";
// The log reviews: read by whoever may read logs (logs.read: the Security Review Team and the
// COO), ticked and signed off by the Security Review Team (cases.work). Someone who may not read
// them is told a review does not exist. Every change bumps `version` (optimistic concurrency) and
// is on the audit trail; sign-off freezes the checklist data.
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LogReviewStatus } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan, can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { computeChecklist, redactChecklist, type ChecklistData } from "./checklist";
import { REVIEW_ITEM_KEYS, REVIEW_ITEMS, type ItemTick, type ItemTicks } from "./items";

export const NOTE_MAX = 4000;

export type ReviewSummary = {
  id: string;
  periodStart: Date;
  periodEnd: Date;
  dueAt: Date;
  status: LogReviewStatus;
  overdue: boolean;
  itemsChecked: number;
  itemsTotal: number;
  signedOffByLabel: string | null;
  signedOffAt: Date | null;
  createdAt: Date;
};

export type ReviewDetail = ReviewSummary & {
  version: number;
  notes: string | null;
  items: { key: string; label: string; help: string; tick: ItemTick | null }[];
  data: ChecklistData;
  frozen: boolean;
  signOffAuditHash: string | null;
};

/** Reading needs logs.read; without it the review does not exist for the viewer. */
function assertMayRead(viewer: Viewer) {
  if (!can(viewer, "logs.read")) throw notFound("review");
}

const ticksOf = (items: Prisma.JsonValue): ItemTicks => (items && typeof items === "object" && !Array.isArray(items) ? (items as ItemTicks) : {});

function summary(r: { id: string; periodStart: Date; periodEnd: Date; dueAt: Date; status: LogReviewStatus; items: Prisma.JsonValue; signedOffByLabel: string | null; signedOffAt: Date | null; createdAt: Date }, now: Date): ReviewSummary {
  const ticks = ticksOf(r.items);
  return {
    id: r.id,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueAt: r.dueAt,
    status: r.status,
    overdue: r.status === "OPEN" && r.dueAt.getTime() < now.getTime(),
    itemsChecked: REVIEW_ITEM_KEYS.filter((k) => ticks[k]?.checked).length,
    itemsTotal: REVIEW_ITEM_KEYS.length,
    signedOffByLabel: r.signedOffByLabel,
    signedOffAt: r.signedOffAt,
    createdAt: r.createdAt,
  };
}

export const ZReviewFilters = z.object({
  status: z.enum(["OPEN", "SIGNED_OFF"]).optional(),
  since: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Open reviews first (oldest due first), then signed-off ones, newest period first. */
export async function listReviews({ viewer, input = {}, now = new Date() }: { viewer: Viewer; input?: unknown; now?: Date }) {
  assertMayRead(viewer);
  const f = parseInput(ZReviewFilters, input);
  const where: Prisma.LogReviewWhereInput = { ...(f.status ? { status: f.status } : {}), ...(f.since ? { periodEnd: { gte: f.since } } : {}) };
  const [rows, total] = await Promise.all([
    db.logReview.findMany({ where, orderBy: [{ status: "asc" }, { periodEnd: "desc" }], skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
    db.logReview.count({ where }),
  ]);
  return { reviews: rows.map((r) => summary(r, now)), total, page: f.page, pageSize: f.pageSize };
}

async function signOffHash(id: string): Promise<string | null> {
  const entry = await db.auditLog.findFirst({ where: { action: "reviews.sign_off", targetType: "LogReview", targetId: id }, orderBy: { seq: "desc" }, select: { hash: true } });
  return entry?.hash ?? null;
}

export async function getReview({ viewer, id, now = new Date() }: { viewer: Viewer; id: string; now?: Date }): Promise<ReviewDetail> {
  assertMayRead(viewer);
  if (typeof id !== "string" || id.length > 64) throw notFound("review");
  const r = await db.logReview.findUnique({ where: { id } });
  if (!r) throw notFound("review");
  const ticks = ticksOf(r.items);
  const frozen = r.status === "SIGNED_OFF" && r.snapshot !== null;
  const data = frozen ? (r.snapshot as unknown as ChecklistData) : await computeChecklist({ from: r.periodStart, to: r.periodEnd, now });
  return {
    ...summary(r, now),
    version: r.version,
    notes: r.notes,
    items: REVIEW_ITEMS.map((i) => ({ key: i.key, label: i.label, help: i.help, tick: ticks[i.key] ?? null })),
    data: redactChecklist(data, viewer),
    frozen,
    signOffAuditHash: r.status === "SIGNED_OFF" ? await signOffHash(r.id) : null,
  };
}

// Locks the review row, checks it is open and at the version the person saw.
async function lockOpenReview(tx: Prisma.TransactionClient, id: string, version: number) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM log_reviews WHERE id = ${id} FOR UPDATE`;
  if (!rows.length) throw notFound("review");
  const r = await tx.logReview.findUniqueOrThrow({ where: { id } });
  if (r.status !== "OPEN") throw new AppError("CONFLICT", "This review is already signed off.");
  if (r.version !== version) throw new AppError("CONFLICT", "Someone changed this review since you opened it. Reload and try again.");
  return r;
}

const ZNote = z
  .string()
  .max(NOTE_MAX, `At most ${NOTE_MAX} characters.`)
  .transform((s) => s.trim() || null)
  .nullish();

export const ZTickInput = z.object({
  item: z.enum(REVIEW_ITEM_KEYS),
  checked: z.boolean(),
  note: ZNote,
  version: z.number().int().min(1),
});

export async function tickItem({ viewer, id, input, now = new Date() }: { viewer: Viewer; id: string; input: unknown; now?: Date }) {
  assertMayRead(viewer);
  assertCan(viewer, "cases.work");
  const t = parseInput(ZTickInput, input);
  return db.$transaction(async (tx) => {
    const r = await lockOpenReview(tx, id, t.version);
    const ticks = ticksOf(r.items);
    const before = ticks[t.item] ?? null;
    const actor = viewer.kind === "user" ? { id: viewer.id, label: viewer.email } : { id: null, label: viewer.label };
    const tick: ItemTick = { checked: t.checked, note: t.note ?? null, checkedById: t.checked ? actor.id : null, checkedByLabel: t.checked ? actor.label : null, checkedAt: t.checked ? now.toISOString() : null };
    const items = { ...ticks, [t.item]: tick } as unknown as Prisma.InputJsonValue;
    const updated = await tx.logReview.update({ where: { id }, data: { items, version: { increment: 1 } }, select: { version: true } });
    await appendAudit(tx, viewer, {
      action: "reviews.item_tick",
      targetType: "LogReview",
      targetId: id,
      before: before ? { item: t.item, checked: before.checked, note: before.note } : { item: t.item, checked: false },
      after: { item: t.item, checked: tick.checked, note: tick.note },
    });
    return { version: updated.version, tick };
  });
}

export const ZSignOffInput = z.object({ notes: ZNote, version: z.number().int().min(1) });

/** Signs a review off: every item ticked, the data frozen (its SHA-256 on the audit trail). */
export async function signOffReview({ viewer, id, input, now = new Date() }: { viewer: Viewer; id: string; input: unknown; now?: Date }) {
  assertMayRead(viewer);
  assertCan(viewer, "cases.work");
  const s = parseInput(ZSignOffInput, input);
  const existing = await db.logReview.findUnique({ where: { id }, select: { periodStart: true, periodEnd: true } });
  if (!existing) throw notFound("review");
  // Computed before the lock (it reads a lot); the period never changes, so it is the same data.
  const snapshot = await computeChecklist({ from: existing.periodStart, to: existing.periodEnd, now });
  return db.$transaction(async (tx) => {
    const r = await lockOpenReview(tx, id, s.version);
    const ticks = ticksOf(r.items);
    const missing = REVIEW_ITEMS.filter((i) => !ticks[i.key]?.checked).map((i) => i.label);
    if (missing.length) throw new AppError("INVALID_INPUT", `Tick every item before signing off. Not ticked: ${missing.join("; ")}.`, { missing });
    const label = viewer.kind === "user" ? viewer.email : viewer.label;
    const json = JSON.stringify(snapshot);
    const updated = await tx.logReview.update({
      where: { id },
      data: {
        status: "SIGNED_OFF",
        snapshot: JSON.parse(json) as Prisma.InputJsonValue,
        notes: s.notes ?? null,
        signedOffById: viewer.kind === "user" ? viewer.id : null,
        signedOffByLabel: label,
        signedOffAt: now,
        version: { increment: 1 },
      },
      select: { version: true },
    });
    await appendAudit(tx, viewer, {
      action: "reviews.sign_off",
      targetType: "LogReview",
      targetId: id,
      before: { status: "OPEN" },
      after: {
        status: "SIGNED_OFF",
        periodStart: r.periodStart.toISOString(),
        periodEnd: r.periodEnd.toISOString(),
        notes: s.notes ?? null,
        items: Object.fromEntries(REVIEW_ITEM_KEYS.map((k) => [k, { checkedBy: ticks[k]?.checkedByLabel ?? null, note: ticks[k]?.note ?? null }])),
        snapshotSha256: createHash("sha256").update(json).digest("hex"),
      },
    });
    return { version: updated.version };
  });
}
