import "server-only";
// Moves a case through the workflow (lib/cases/status.ts): the rule decides with the facts the
// case holds (outcome, impact, disclosure decision, required tasks still open); each move is
// stamped so time to acknowledge, contain and resolve are exact.
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { autoEntry, auditCase, lockCase, touchCase, type LockedCase } from "./case-records";
import { ZStatusChange } from "./schemas";
import { checkTransition, OUTCOME_LABELS, STATUS_LABELS, stampFor, type CaseOutcome, type CaseStatus } from "./status";

/** Sealed cases and public disclosure need the COO's approval of the decision (disclose or not). */
export async function disclosureNeedsApproval(tx: Tx, c: Pick<LockedCase, "id" | "visibility" | "disclose">) {
  if (c.visibility !== "STANDARD") return true;
  if (!c.disclose) return false;
  return (await tx.disclosureObligation.count({ where: { caseId: c.id, audience: "PUBLIC" } })) > 0;
}

export async function closeFacts(tx: Tx, c: LockedCase) {
  const openRequiredTasks = await tx.caseTask.count({ where: { caseId: c.id, required: true, doneAt: null } });
  const needsApproval = await disclosureNeedsApproval(tx, c);
  return {
    outcome: c.outcome,
    impactDetermined: c.impactDeterminedAt !== null,
    disclosureDecided: c.decidedAt !== null && (!needsApproval || c.approvedAt !== null),
    openRequiredTasks,
  };
}

/** Inside the caller's transaction, on a locked case; returns the fields changed. */
export async function changeStatusInTx(tx: Tx, viewer: Viewer, c: LockedCase, change: { status: CaseStatus; outcome?: CaseOutcome; resolutionNote?: string }, now: Date) {
  const from = c.status;
  const facts = await closeFacts(tx, c);
  const check = checkTransition(from, change.status, { ...facts, outcomeGiven: change.outcome ?? null });
  if (!check.ok) {
    const pending = facts.disclosureDecided === false && c.decidedAt !== null && change.status === "CLOSED" ? " The disclosure decision waits for the COO's approval." : "";
    throw new AppError("INVALID_INPUT", `${check.reasons.join(" ")}${pending}`, { reasons: check.reasons });
  }
  if (change.outcome && change.status !== "RESOLVED") throw new AppError("INVALID_INPUT", "An outcome is given when resolving.", { fieldErrors: { outcome: ["Give the outcome with status RESOLVED."] } });
  const data: Prisma.CaseUncheckedUpdateInput = { status: change.status };
  const stamp = stampFor(change.status);
  if (stamp) data[stamp] = now;
  if (from === "NEW" && !c.acknowledgedAt) data.acknowledgedAt = now;
  if (change.status === "RESOLVED") {
    data.outcome = change.outcome ?? c.outcome;
    if (change.resolutionNote !== undefined) data.resolutionNote = change.resolutionNote;
  }
  if (from === "RESOLVED" && change.status === "INVESTIGATING") {
    data.resolvedAt = null;
    data.outcome = null;
  }
  const outcome = data.outcome as CaseOutcome | null | undefined;
  await autoEntry(tx, viewer, c.id, `Status: ${STATUS_LABELS[from]} → ${STATUS_LABELS[change.status]}${outcome ? ` (${OUTCOME_LABELS[outcome]})` : ""}`, { from, to: change.status, ...(outcome ? { outcome } : {}) }, now);
  return data;
}

export async function changeCaseStatus({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const change = parseInput(ZStatusChange, input);
  return db.$transaction(async (tx) => {
    const locked = await lockCase(tx, viewer, reference, change.version);
    const data = await changeStatusInTx(tx, viewer, locked, change, now);
    const updated = await touchCase(tx, locked.id, data);
    await auditCase(tx, viewer, locked, "status", { status: locked.status, outcome: locked.outcome }, { status: updated.status, outcome: updated.outcome });
    return { reference, status: updated.status, outcome: updated.outcome, version: updated.version };
  });
}
