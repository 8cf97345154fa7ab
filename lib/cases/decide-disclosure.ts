import "server-only";
// The disclosure decision (disclose or not, and why), by whoever works the case; each audience
// to be told becomes a draft obligation due 72 hours from awareness. A decision on a sealed case,
// or one that tells the public, waits for the COO's approval (approve-disclosure.ts); a new
// decision withdraws an earlier approval.
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, findVisibleCaseId, lockCase, touchCase } from "./case-records";
import { disclosureNeedsApproval } from "./change-case-status";
import { disclosureDeadline } from "./deadlines";
import { mayApproveObligation, needsCooApproval } from "./obligations-rules";
import { ZDisclosureDecision } from "./schemas";

export async function decideDisclosure({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const decision = parseInput(ZDisclosureDecision, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, decision.version);
    if (c.status === "CLOSED") throw new AppError("CONFLICT", "A closed case cannot change.");
    // Drafts from an earlier decision give way to this one; approved or sent obligations stay.
    await tx.disclosureObligation.deleteMany({ where: { caseId: c.id, status: "DRAFT" } });
    for (const audience of decision.audiences) {
      const deadline = disclosureDeadline({ preset: "HOURS_72", awareAt: c.awareAt });
      if (!deadline.ok) throw new AppError("INVALID_INPUT", deadline.reason);
      await tx.disclosureObligation.create({ data: { caseId: c.id, audience, preset: "HOURS_72", deadline: deadline.deadline } });
    }
    const decided = { disclose: decision.disclose, disclosureRationale: decision.rationale, decidedAt: now, decidedById: viewer.kind === "user" ? viewer.id : null, approvedAt: null, approvedById: null };
    const needsApproval = await disclosureNeedsApproval(tx, { id: c.id, visibility: c.visibility, disclose: decision.disclose });
    await autoEntry(
      tx,
      viewer,
      c.id,
      `Disclosure decided: ${decision.disclose ? `disclose to ${decision.audiences.join(", ").toLowerCase() || "(audiences to be named)"}` : "do not disclose"}${needsApproval ? "; waiting for the COO's approval" : ""}`,
      { disclose: decision.disclose, audiences: decision.audiences },
      now,
    );
    const updated = await touchCase(tx, c.id, decided);
    await auditCase(tx, viewer, c, "disclosure_decide", c.decidedAt ? { disclose: c.disclose } : undefined, { disclose: decision.disclose, audiences: decision.audiences, needsApproval });
    return { reference, version: updated.version, needsApproval };
  });
}

/** The disclosure tab: the decision, who decided and approved it, and the obligations with their people. */
export async function getCaseDisclosure({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const c = await db.case.findUniqueOrThrow({
    where: { id },
    select: {
      id: true, reference: true, title: true, status: true, outcome: true, visibility: true, version: true, awareAt: true,
      disclose: true, disclosureRationale: true, decidedAt: true, decidedById: true, approvedAt: true, approvedById: true,
      obligations: { orderBy: [{ deadline: "asc" }, { createdAt: "asc" }] },
    },
  });
  const ids = [c.decidedById, c.approvedById, ...c.obligations.flatMap((o) => [o.approvedById, o.sentById])].filter((x): x is string => !!x);
  const names = new Map((ids.length ? await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const name = (uid: string | null) => (uid ? (names.get(uid) ?? "a former user") : null);
  const needsApproval = await disclosureNeedsApproval(db as unknown as Tx, { id: c.id, visibility: c.visibility, disclose: c.disclose });
  return {
    ...c,
    decidedBy: name(c.decidedById),
    approvedBy: name(c.approvedById),
    needsApproval,
    obligations: c.obligations.map((o) => ({ ...o, approvedBy: name(o.approvedById), sentBy: name(o.sentById), needsCoo: needsCooApproval(c, o.audience), mayApprove: mayApproveObligation(viewer, c, o.audience) })),
  };
}
export type CaseDisclosure = Awaited<ReturnType<typeof getCaseDisclosure>>;
