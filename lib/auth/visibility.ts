// What each viewer may see of sealed records, by visibility class (product.md). Every query
// for sealed data takes its `where` from here; a record outside it "does not exist" (404).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role, Visibility } from "@/lib/generated/prisma/enums";
import { can } from "./permissions";
import { asUserViewer, type Viewer } from "./viewer";

export const VISIBILITIES = ["STANDARD", "SENSITIVE", "COO_ONLY"] as const satisfies readonly Visibility[];

/** STANDARD and SENSITIVE: the Security Review Team and the COO. COO_ONLY: the COO alone. ADMIN: nothing. */
export function visibleClasses(viewer: Viewer | null | undefined): Visibility[] {
  if (!viewer) return [];
  if (viewer.kind === "system") return viewer.label === "external reporter" ? [] : [...VISIBILITIES];
  const classes = new Set<Visibility>();
  if (viewer.roles.includes("SECURITY") || viewer.roles.includes("COO")) {
    classes.add("STANDARD");
    classes.add("SENSITIVE");
  }
  if (viewer.roles.includes("COO")) classes.add("COO_ONLY");
  return VISIBILITIES.filter((v) => classes.has(v));
}

export function canSeeClass(viewer: Viewer | null | undefined, visibility: Visibility): boolean {
  return visibleClasses(viewer).includes(visibility);
}

/** Classes only move towards fewer readers. */
export function isTightening(from: Visibility, to: Visibility): boolean {
  return VISIBILITIES.indexOf(to) >= VISIBILITIES.indexOf(from);
}

/** Audit rows about sealed records are shown only to viewers who may see that record's class. */
export function auditWhere(viewer: Viewer | null | undefined): Prisma.AuditLogWhereInput {
  return { OR: [{ targetVisibility: null }, { targetVisibility: { in: visibleClasses(viewer) } }] };
}

const NOTHING = { id: { in: [] as string[] } };

/** Whether the viewer may triage a report of this class (the row-level form of reportTriageWhere). */
export function mayTriageClass(viewer: Viewer | null | undefined, visibility: Visibility): boolean {
  return can(viewer, "reports.triage") && canSeeClass(viewer, visibility);
}

/** Reports in the triage inboxes: by class, and only for people who triage. */
export function reportTriageWhere(viewer: Viewer | null | undefined): Prisma.ReportWhereInput {
  if (!can(viewer, "reports.triage")) return NOTHING;
  return { visibility: { in: visibleClasses(viewer) } };
}

/** The reporter's own reports, whatever their class (the reporter's view shows no internals). */
export function reportReporterWhere(viewer: Viewer | null | undefined): Prisma.ReportWhereInput {
  return viewer?.kind === "user" ? { reporterId: viewer.id } : NOTHING;
}

/**
 * Cases the viewer may see: by class, and only for people who work cases or decide on them
 * (SECURITY, COO). Every case query takes its `where` from here; a case outside it is NOT_FOUND.
 */
export function caseWhere(viewer: Viewer | null | undefined): Prisma.CaseWhereInput {
  if (!can(viewer, "cases.access")) return NOTHING;
  return { visibility: { in: visibleClasses(viewer) } };
}

/** The row-level form of caseWhere. */
export function mayWorkCaseClass(viewer: Viewer | null | undefined, visibility: Visibility): boolean {
  return can(viewer, "cases.access") && canSeeClass(viewer, visibility);
}

/** The same question about a stored user (a lead or member being chosen, kept or dropped). */
export function userMayWorkCaseClass(user: { id: string; email: string; name: string; roles: Role[]; disabledAt?: Date | null }, visibility: Visibility): boolean {
  return !user.disabledAt && mayWorkCaseClass(asUserViewer(user), visibility);
}
