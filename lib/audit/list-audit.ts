import "server-only";
// The audit trail as a viewer may read it: filtered, newest first, sealed rows left out
// for viewers who may not see their class.
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import { auditWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";

export const ZAuditFilter = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(320).optional(),
  targetType: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AuditFilter = z.infer<typeof ZAuditFilter>;

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit({ viewer, filter }: { viewer: Viewer; filter: AuditFilter }) {
  assertCan(viewer, "audit.view");
  const where: Prisma.AuditLogWhereInput = {
    AND: [
      auditWhere(viewer),
      filter.action ? { action: { startsWith: filter.action } } : {},
      filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" } } : {},
      filter.targetType ? { targetType: filter.targetType } : {},
      filter.from ? { createdAt: { gte: filter.from } } : {},
      filter.to ? { createdAt: { lte: filter.to } } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: { seq: "desc" },
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, page: filter.page, pageSize: AUDIT_PAGE_SIZE };
}

export async function listAuditActions(viewer: Viewer): Promise<string[]> {
  assertCan(viewer, "audit.view");
  const rows = await db.auditLog.findMany({ where: auditWhere(viewer), distinct: ["action"], select: { action: true } });
  return rows.map((r) => r.action).sort();
}
