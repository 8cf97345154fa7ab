import "server-only";
// What every case operation shares: finding a case the viewer may see (else NOT_FOUND), locking
// it at the version the person saw (else CONFLICT), references, automatic timeline entries and
// the audit record, which always carries the case's class so the audit view hides it.
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import { caseWhere, userMayWorkCaseClass } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { isCaseReference } from "./schemas";

/** The case by reference if the viewer may see it; anyone else is told it does not exist. */
export async function findVisibleCaseId(client: Tx | typeof db, viewer: Viewer, reference: string): Promise<string> {
  assertCan(viewer, "cases.access");
  if (!isCaseReference(reference)) throw notFound("case");
  const found = await client.case.findFirst({ where: { AND: [caseWhere(viewer), { reference }] }, select: { id: true } });
  if (!found) throw notFound("case");
  return found.id;
}

/**
 * Locks the case for a change inside the transaction. With `version`, the case must still be
 * at the version the person loaded: otherwise CONFLICT, and nothing is written.
 */
export async function lockCase(tx: Tx, viewer: Viewer, reference: string, version?: number) {
  const id = await findVisibleCaseId(tx, viewer, reference);
  await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${id} FOR UPDATE`;
  const locked = await tx.case.findUniqueOrThrow({ where: { id } });
  if (version !== undefined && locked.version !== version) {
    throw new AppError("CONFLICT", `${reference} changed since you loaded it. Reload it and try again; your changes were not saved.`, { version: locked.version });
  }
  if (locked.mergedIntoId) {
    const survivor = await tx.case.findUnique({ where: { id: locked.mergedIntoId }, select: { reference: true } });
    throw new AppError("CONFLICT", `${reference} was merged into ${survivor?.reference ?? "another case"}: work on that case.`);
  }
  return locked;
}

export type LockedCase = Awaited<ReturnType<typeof lockCase>>;

/** Bumps the version (every change does) and returns the new one. */
export async function touchCase(tx: Tx, caseId: string, data: Prisma.CaseUncheckedUpdateInput = {}) {
  const updated = await tx.case.update({ where: { id: caseId }, data: { ...data, version: { increment: 1 } } });
  return updated;
}

export async function autoEntry(tx: Tx, viewer: Viewer, caseId: string, body: string, data?: Record<string, unknown>, occurredAt = new Date()) {
  await tx.caseTimelineEntry.create({
    data: { caseId, kind: "AUTO", occurredAt, body, data: data as Prisma.InputJsonValue | undefined, actorId: viewer.kind === "user" ? viewer.id : null },
  });
}

export async function auditCase(tx: Tx, viewer: Viewer, target: { id: string; visibility: Visibility }, action: string, before?: unknown, after?: unknown) {
  await appendAudit(tx, viewer, { action: `case.${action}`, targetType: "Case", targetId: target.id, targetVisibility: target.visibility, before, after });
}

/** A user given by id or e-mail who may work cases of this class, or INVALID_INPUT naming the field. */
export async function resolveCaseUser(tx: Tx, key: string, visibility: Visibility, field: string) {
  const user = await tx.user.findFirst({ where: key.includes("@") ? { email: key.toLowerCase() } : { id: key }, select: { id: true, name: true, email: true, roles: true, disabledAt: true } });
  const mayWork = user && userMayWorkCaseClass(user, visibility);
  if (!user || !mayWork) {
    const who = visibility === "COO_ONLY" ? "the COO" : "members of the security team or the COO";
    throw new AppError("INVALID_INPUT", `${field === "lead" ? "The lead" : "Members"} must be ${who} (this case is ${visibility}).`, { fieldErrors: { [field]: [`${key} may not work this case.`] } });
  }
  return user;
}
