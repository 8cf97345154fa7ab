import "server-only";
// The COO approves the disclosure decision of a sealed case or a public disclosure; the draft
// obligations become approved. Only the COO (disclosure.approve) may.
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { z } from "zod";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, lockCase, touchCase } from "./case-records";
import { ZVersion } from "./schemas";

export async function approveDisclosure({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  assertCan(viewer, "disclosure.approve");
  const { version } = parseInput(z.object({ version: ZVersion }).strict(), input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, version);
    if (!c.decidedAt) throw new AppError("CONFLICT", "There is no disclosure decision to approve yet.");
    if (c.approvedAt) throw new AppError("CONFLICT", "This disclosure decision is already approved.");
    const approverId = viewer.kind === "user" ? viewer.id : null;
    await tx.disclosureObligation.updateMany({ where: { caseId: c.id, status: "DRAFT" }, data: { status: "APPROVED", approvedAt: now, approvedById: approverId } });
    await autoEntry(tx, viewer, c.id, `Disclosure decision approved by the COO (${c.disclose ? "disclose" : "do not disclose"})`, { disclose: c.disclose }, now);
    const updated = await touchCase(tx, c.id, { approvedAt: now, approvedById: approverId });
    await auditCase(tx, viewer, c, "disclosure_approve", undefined, { disclose: c.disclose, decidedAt: c.decidedAt });
    return { reference, version: updated.version, approvedAt: now };
  });
}
