import "server-only";
// Disclosure obligations: who must be told, by when, with what text. Each is created with a
// deadline counted from the case's awareness time, edited while a draft, approved (the COO for
// sealed cases and public audiences), and marked sent; every step is a timeline entry, an audit
// entry and a new case version.
import { fromZonedTime } from "date-fns-tz";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, lockCase, touchCase, type LockedCase } from "./case-records";
import { disclosureNeedsApproval } from "./change-case-status";
import { disclosureDeadline, PRESET_LABELS } from "./deadlines";
import { AUDIENCE_LABELS, mayApproveObligation, mayHandleObligation, refusedMove, ZObligationCreate, ZObligationMove, ZObligationText, type Move } from "./obligations-rules";

type Op = { viewer: Viewer; reference: string; input: unknown; now?: Date };

const forbidden = (what: string) => new AppError("FORBIDDEN", what);
const userId = (viewer: Viewer) => (viewer.kind === "user" ? viewer.id : null);
const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** A custom deadline: an ISO time with an offset, or a local date-time read in the zone. */
function parseCustom(value: string | undefined, timeZone: string): Date | null {
  if (!value) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.test(value)) return new Date(NaN);
  return hasZone ? new Date(value) : fromZonedTime(value.replace(" ", "T"), timeZone);
}

export async function createObligation({ viewer, reference, input, now = new Date() }: Op) {
  const o = parseInput(ZObligationCreate, input);
  if (!mayHandleObligation(viewer)) throw forbidden("You do not have permission to do that.");
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, o.version);
    if (c.status === "CLOSED") throw new AppError("CONFLICT", "A closed case cannot change.");
    if (!c.decidedAt || !c.disclose) {
      throw new AppError("INVALID_INPUT", c.decidedAt ? "The decision on this case is not to disclose: record a decision to disclose first." : "Record the disclosure decision (to disclose) first.");
    }
    const timeZone = o.timeZone ?? "UTC";
    const custom = o.preset === "CUSTOM" ? parseCustom(o.deadline, timeZone) : null;
    const computed = disclosureDeadline({ preset: o.preset, awareAt: c.awareAt, custom, timeZone, now });
    if (!computed.ok) throw new AppError("INVALID_INPUT", computed.reason, { fieldErrors: { deadline: [computed.reason] } });
    const created = await tx.disclosureObligation.create({ data: { caseId: c.id, audience: o.audience, preset: o.preset, deadline: computed.deadline, text: o.text || null } });
    await autoEntry(tx, viewer, c.id, `Disclosure obligation added: ${AUDIENCE_LABELS[o.audience].toLowerCase()} by ${day(computed.deadline)} (${PRESET_LABELS[o.preset]})`, { obligationId: created.id, audience: o.audience, preset: o.preset, deadline: computed.deadline.toISOString() }, now);
    const updated = await touchCase(tx, c.id);
    await auditCase(tx, viewer, c, "obligation_create", undefined, { obligationId: created.id, audience: o.audience, preset: o.preset, deadline: computed.deadline.toISOString(), timeZone });
    return { reference, version: updated.version, obligation: created };
  });
}

/** The obligation on the locked case, after the move's status check. */
async function obligationFor(tx: Tx, c: LockedCase, obligationId: string, move: Move) {
  const ob = await tx.disclosureObligation.findFirst({ where: { id: obligationId, caseId: c.id } });
  if (!ob) throw notFound("disclosure obligation");
  const refused = refusedMove(ob.status, move);
  if (refused) throw new AppError("CONFLICT", refused, { status: ob.status });
  return ob;
}

export async function updateObligationText({ viewer, reference, input, now = new Date() }: Op) {
  const { version, obligationId, text } = parseInput(ZObligationText, input);
  if (!mayHandleObligation(viewer)) throw forbidden("You do not have permission to do that.");
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, version);
    const ob = await obligationFor(tx, c, obligationId, "edit");
    await tx.disclosureObligation.update({ where: { id: ob.id }, data: { text: text || null } });
    await autoEntry(tx, viewer, c.id, `Disclosure text for ${AUDIENCE_LABELS[ob.audience].toLowerCase()} edited`, { obligationId: ob.id }, now);
    const updated = await touchCase(tx, c.id);
    await auditCase(tx, viewer, c, "obligation_text", { length: ob.text?.length ?? 0 }, { obligationId: ob.id, length: text.length });
    return { reference, version: updated.version };
  });
}

export async function approveObligation({ viewer, reference, input, now = new Date() }: Op) {
  const { version, obligationId } = parseInput(ZObligationMove, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, version);
    const ob = await obligationFor(tx, c, obligationId, "approve");
    if (!mayApproveObligation(viewer, c, ob.audience)) {
      throw forbidden(c.visibility !== "STANDARD" ? "Only the COO approves disclosure on a sealed case." : "Only the COO approves a public disclosure.");
    }
    if (!ob.text?.trim()) throw new AppError("INVALID_INPUT", "Write the text of the notice before approving it.", { fieldErrors: { text: ["Write the text first."] } });
    await tx.disclosureObligation.update({ where: { id: ob.id }, data: { status: "APPROVED", approvedAt: now, approvedById: userId(viewer) } });
    await autoEntry(tx, viewer, c.id, `Disclosure to ${AUDIENCE_LABELS[ob.audience].toLowerCase()} approved`, { obligationId: ob.id, audience: ob.audience }, now);
    const updated = await touchCase(tx, c.id);
    await auditCase(tx, viewer, c, "obligation_approve", { status: ob.status }, { obligationId: ob.id, status: "APPROVED" });
    return { reference, version: updated.version, approvedAt: now };
  });
}

export async function markObligationSent({ viewer, reference, input, now = new Date() }: Op) {
  const { version, obligationId } = parseInput(ZObligationMove, input);
  if (!mayHandleObligation(viewer)) throw forbidden("You do not have permission to do that.");
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, version);
    const ob = await obligationFor(tx, c, obligationId, "send");
    // Nothing goes out on a decision the COO has still to approve.
    if (!c.approvedAt && (await disclosureNeedsApproval(tx, c))) throw new AppError("CONFLICT", "The disclosure decision waits for the COO's approval: nothing is sent before it.");
    await tx.disclosureObligation.update({ where: { id: ob.id }, data: { status: "SENT", sentAt: now, sentById: userId(viewer) } });
    const late = now > ob.deadline ? " (after the deadline)" : "";
    await autoEntry(tx, viewer, c.id, `Disclosure to ${AUDIENCE_LABELS[ob.audience].toLowerCase()} sent${late}`, { obligationId: ob.id, audience: ob.audience, late: !!late }, now);
    const updated = await touchCase(tx, c.id);
    await auditCase(tx, viewer, c, "obligation_send", { status: ob.status }, { obligationId: ob.id, status: "SENT", late: !!late });
    return { reference, version: updated.version, sentAt: now };
  });
}

/** Back to draft to change an approved text: the approval is withdrawn. A sent one stays sent. */
export async function reopenObligation({ viewer, reference, input, now = new Date() }: Op) {
  const { version, obligationId } = parseInput(ZObligationMove, input);
  if (!mayHandleObligation(viewer)) throw forbidden("You do not have permission to do that.");
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, version);
    const ob = await obligationFor(tx, c, obligationId, "reopen");
    await tx.disclosureObligation.update({ where: { id: ob.id }, data: { status: "DRAFT", approvedAt: null, approvedById: null } });
    await autoEntry(tx, viewer, c.id, `Disclosure to ${AUDIENCE_LABELS[ob.audience].toLowerCase()} back to draft; its approval is withdrawn`, { obligationId: ob.id }, now);
    const updated = await touchCase(tx, c.id);
    await auditCase(tx, viewer, c, "obligation_reopen", { status: ob.status, approvedById: ob.approvedById }, { obligationId: ob.id, status: "DRAFT" });
    return { reference, version: updated.version };
  });
}
