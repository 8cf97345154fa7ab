import "server-only";
// Appends one record to the hash-chained audit trail, inside the caller's transaction, so the
// record exists exactly when the change does. An advisory lock serialises writers.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { actorOf, type Viewer } from "@/lib/auth/viewer";
import { chainHash, GENESIS_HASH, redactForAudit } from "./chain";

const AUDIT_LOCK_KEY = 7_402_115; // arbitrary, unique to the audit chain

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetVisibility?: Visibility | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the viewer as actor label, e.g. the email typed at a failed sign-in. */
  actorLabel?: string;
};

export async function appendAudit(tx: Tx, viewer: Viewer, entry: AuditEntry) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditLog.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const actor = actorOf(viewer);
  const content = {
    seq: (last?.seq ?? 0) + 1,
    createdAt: new Date(),
    actorId: actor.actorId,
    actorLabel: (entry.actorLabel ?? actor.actorLabel).slice(0, 320),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetVisibility: entry.targetVisibility ?? null,
    before: redactForAudit(entry.before),
    after: redactForAudit(entry.after),
    requestId: viewer.requestId ?? null,
    ip: viewer.ip ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, content);
  await tx.auditLog.create({
    data: {
      ...content,
      before: (content.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (content.after ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash,
      hash,
    },
  });
}
