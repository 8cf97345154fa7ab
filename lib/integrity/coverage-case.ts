import "server-only";
// A case's coverage map: the case's devices (its DEVICE_ID / DEVICE_NAME / IP observables
// resolved to nodes) over the incident window (awareness minus a margin, to its resolution or
// now) as full / partial / none; and attaching the map to the case as evidence (a JSON file with
// the figures; the evidence backend records its SHA-256 and puts it on the audit trail).
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { parseInput } from "@/lib/errors";
import { findVisibleCaseId } from "@/lib/cases/case-records";
import { addEvidence } from "@/lib/cases/evidence/add-evidence";
import { cellMinutes, deviceCoverage, type Cell, type DeviceCoverage } from "./coverage";

const MINUTE = 60_000;
export const DEFAULT_MARGIN_MINUTES = 24 * 60;

export type CoverageLevel = "full" | "partial" | "none";

export const ZCaseCoverageInput = z.object({
  margin: z.coerce.number({ message: "margin is a number of minutes." }).int("margin is whole minutes.").min(0, "margin is at least 0.").max(30 * 24 * 60, "margin is at most 30 days.").optional(),
});

/**
 * full: countersigned traffic and nothing else (no one-sided or mismatched connection, every
 * cell verified); none: no countersigned traffic at all; partial: anything between. A cell still
 * inside the last settle period (the window ends now) is not counted as a gap.
 */
export function coverageLevel(d: Pick<DeviceCoverage, "countersigned" | "mismatched" | "silent" | "peerSilent">, cells: Cell[], openEnded: boolean): CoverageLevel {
  if (d.countersigned === 0) return "none";
  const judged = openEnded ? cells.slice(0, -1) : cells;
  const gaps = judged.filter((c) => c.status === "gap").length;
  return d.mismatched + d.silent + d.peerSilent === 0 && gaps === 0 ? "full" : "partial";
}

export async function caseCoverage({ viewer, reference, input = {}, now = new Date() }: { viewer: Viewer; reference: string; input?: unknown; now?: Date }) {
  assertCan(viewer, "logs.read");
  const caseId = await findVisibleCaseId(db, viewer, reference);
  const { margin = DEFAULT_MARGIN_MINUTES } = parseInput(ZCaseCoverageInput, input);
  const c = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { reference: true, title: true, awareAt: true, resolvedAt: true, observables: { where: { type: { in: ["IP", "DEVICE_ID", "DEVICE_NAME"] } }, select: { type: true, value: true }, orderBy: [{ type: "asc" }, { value: "asc" }] } },
  });
  const from = new Date(c.awareAt.getTime() - margin * MINUTE);
  const to = c.resolvedAt && c.resolvedAt > from ? c.resolvedAt : now;
  const openEnded = !c.resolvedAt;

  const resolved = new Map<string, string[]>();
  const unresolved: { type: string; value: string }[] = [];
  for (const o of c.observables) {
    const where = o.type === "DEVICE_ID" ? { nodeId: o.value } : o.type === "DEVICE_NAME" ? { name: { equals: o.value, mode: "insensitive" as const } } : { addresses: { has: o.value } };
    const nodes = await db.device.findMany({ where, select: { nodeId: true }, take: 50 });
    if (nodes.length === 0) unresolved.push(o);
    for (const n of nodes) resolved.set(n.nodeId, [...(resolved.get(n.nodeId) ?? []), `${o.type} ${o.value}`]);
  }
  const window = { from, to, tz: "UTC", cellMinutes: cellMinutes(from, to) };
  const devices = resolved.size ? await deviceCoverage({ viewer, window, nodeIds: [...resolved.keys()] }) : [];
  return {
    case: { reference: c.reference, title: c.title, awareAt: c.awareAt, resolvedAt: c.resolvedAt },
    window: { ...window, marginMinutes: margin, openEnded },
    devices: devices.map((d) => ({ ...d, from: resolved.get(d.nodeId) ?? [], level: coverageLevel(d, d.cells, openEnded) })),
    unresolved,
  };
}
export type CaseCoverage = Awaited<ReturnType<typeof caseCoverage>>;

/** The map as stored: the figures per device, no per-cell detail beyond status counts. */
export function coverageDocument(map: CaseCoverage, generatedAt: Date) {
  return {
    kind: "countersign-coverage-map",
    generatedAt: generatedAt.toISOString(),
    case: { reference: map.case.reference, title: map.case.title, awareAt: map.case.awareAt.toISOString(), resolvedAt: map.case.resolvedAt?.toISOString() ?? null },
    window: { from: map.window.from.toISOString(), to: map.window.to.toISOString(), marginMinutes: map.window.marginMinutes, cellMinutes: map.window.cellMinutes },
    devices: map.devices.map((d) => ({
      nodeId: d.nodeId,
      name: d.name,
      resolvedFrom: d.from,
      coverage: d.level,
      countersignRate: d.countersignRate,
      countersigned: d.countersigned,
      mismatched: d.mismatched,
      silent: d.silent,
      peerSilent: d.peerSilent,
      ownEntries: d.entries,
      lastRecordAt: d.lastRecordAt?.toISOString() ?? null,
      cells: Object.fromEntries(["countersigned", "one-sided", "mismatched", "gap", "none"].map((s) => [s, d.cells.filter((c) => c.status === s).length])),
    })),
    unresolvedObservables: map.unresolved,
  };
}

/** Stores the map as a JSON evidence item of the case (audited by the evidence backend). */
export async function attachCoverageMap({ viewer, reference, input = {}, now = new Date() }: { viewer: Viewer; reference: string; input?: unknown; now?: Date }) {
  const map = await caseCoverage({ viewer, reference, input, now });
  const bytes = Buffer.from(`${JSON.stringify(coverageDocument(map, now), null, 2)}\n`, "utf8");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const item = await addEvidence({
    viewer,
    reference,
    file: { name: `coverage-map-${map.case.reference}-${stamp}.json`, declaredType: "application/json", declaredLength: bytes.length, stream: (async function* () { yield bytes; })() },
    description: `Log coverage map of ${map.devices.length} device(s) from ${map.window.from.toISOString()} to ${map.window.to.toISOString()}; SHA-256 ${sha256}.`,
    now,
  });
  return { item, sha256 };
}
