import "server-only";
// Records what an incident affected (confidentiality, integrity, availability; systems, devices,
// data, customers, people): the close rule asks for it on a confirmed incident.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, lockCase, touchCase } from "./case-records";
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
