import "server-only";
// Records what an incident affected (confidentiality, integrity, availability; systems, devices,
// data, customers, people): the close rule asks for it on a confirmed incident.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, findVisibleCaseId, lockCase, touchCase } from "./case-records";
import { ZImpact } from "./schemas";

export async function recordImpact({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  const { version, ...impact } = parseInput(ZImpact, input);
  return db.$transaction(async (tx) => {
    const c = await lockCase(tx, viewer, reference, version);
    const data = {
      ...impact,
      customersAffected: impact.customersAffected ?? null,
      peopleAffected: impact.peopleAffected ?? null,
      impactDeterminedAt: now,
      impactDeterminedById: viewer.kind === "user" ? viewer.id : null,
    };
    await autoEntry(tx, viewer, c.id, `Impact ${c.impactDeterminedAt ? "revised" : "determined"}: confidentiality ${impact.confidentiality}, integrity ${impact.integrity}, availability ${impact.availability}`, { ...impact }, now);
    const updated = await touchCase(tx, c.id, data);
    await auditCase(
      tx,
      viewer,
      c,
      "impact",
      c.impactDeterminedAt ? { confidentiality: c.confidentiality, integrity: c.integrity, availability: c.availability } : undefined,
      { confidentiality: impact.confidentiality, integrity: impact.integrity, availability: impact.availability, customersAffected: data.customersAffected, peopleAffected: data.peopleAffected },
    );
    return { reference, version: updated.version, impactDeterminedAt: now };
  });
}

/** The impact tab: the case's impact as recorded, who determined it, and the case's devices to suggest. */
export async function getCaseImpact({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const c = await db.case.findUniqueOrThrow({
    where: { id },
    select: {
      id: true, reference: true, title: true, status: true, outcome: true, version: true,
      confidentiality: true, integrity: true, availability: true, affectedSystems: true, affectedDevices: true, dataTypes: true,
      customersAffected: true, peopleAffected: true, impactSummary: true, impactDeterminedAt: true, impactDeterminedById: true,
      observables: { where: { type: { in: ["DEVICE_NAME", "DEVICE_ID"] } }, select: { type: true, value: true }, orderBy: [{ type: "desc" }, { value: "asc" }], take: 200 },
    },
  });
  const by = c.impactDeterminedById ? await db.user.findUnique({ where: { id: c.impactDeterminedById }, select: { name: true } }) : null;
  const { observables, ...rest } = c;
  return { ...rest, impactDeterminedBy: by?.name ?? null, deviceSuggestions: [...new Set(observables.map((o) => o.value))] };
}
export type CaseImpact = Awaited<ReturnType<typeof getCaseImpact>>;
