// The permission table: what each role may do. Every check in the app is `can(viewer, p)`.
// Sealed records (reports, cases) are further filtered by visibility class: lib/auth/visibility.ts.
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { asUserViewer, type Viewer } from "./viewer";

export const ROLES = ["EMPLOYEE", "SECURITY", "COO", "ADMIN"] as const satisfies readonly Role[];

export const PERMISSIONS = {
  /** Report suspicious activity and follow one's own reports. */
  "reports.create": ["EMPLOYEE", "SECURITY", "COO", "ADMIN"],
  /** Work the report inboxes (which reports: see visibility). */
  "reports.triage": ["SECURITY", "COO"],
  /** Open, create and work the cases one may see (which: visibility). The COO alone works COO_ONLY cases. */
  "cases.access": ["SECURITY", "COO"],
  /** Cases and the log review. */
  "cases.work": ["SECURITY"],
  /** The alert queue, alerts and the rules, read only. */
  "alerts.read": ["SECURITY", "COO"],
  /** Acknowledge, assign, dismiss and suppress alerts. */
  "alerts.work": ["SECURITY"],
  /** Switch rules on and off, override severities, tune thresholds and lists. */
  "detections.manage": ["SECURITY"],
  /** Decide on sensitive cases and approve disclosure. */
  "disclosure.approve": ["COO"],
  /** Read the audit trail (sealed rows are filtered by visibility). */
  "audit.view": ["SECURITY", "ADMIN"],
  /** Tailscale audit events, flow records and devices: explorers and the REST API. */
  "logs.read": ["SECURITY", "COO"],
  /** Import log files (UI and CLI). */
  "logs.import": ["SECURITY", "ADMIN"],
  /** Ingest status and the quarantine of records that could not be understood. */
  "ingest.status": ["SECURITY", "ADMIN"],
  /** Users, roles and account unlocks. */
  "users.manage": ["ADMIN"],
  /** Integrations, ingest tokens, settings. */
  "settings.manage": ["ADMIN"],
  /** Personal API tokens for oneself. */
  "tokens.own": ["EMPLOYEE", "SECURITY", "COO", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(viewer: Viewer | null | undefined, permission: Permission): boolean {
  if (!viewer) return false;
  // The CLI and first-run setup may administer; someone without an account may do nothing.
  if (viewer.kind === "system") return viewer.label !== "external reporter";
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return viewer.roles.some((role) => allowed.includes(role));
}

export function assertCan(viewer: Viewer | null | undefined, permission: Permission): asserts viewer is Viewer {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!can(viewer, permission)) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
}

/** The `where` for stored users who hold a permission (assignees, leads, audiences). */
export function usersWithPermissionWhere(permission: Permission) {
  return { disabledAt: null, roles: { hasSome: [...PERMISSIONS[permission]] as Role[] } };
}

/** Whether a stored user (not the one asking) holds a permission: an assignee, a lead, a member. */
export function userCan(user: { id: string; email: string; name: string; roles: Role[]; disabledAt?: Date | null }, permission: Permission): boolean {
  return !user.disabledAt && can(asUserViewer(user), permission);
}

/** Everyone signed in is an employee, whatever else they are. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  const set = new Set<Role>(["EMPLOYEE", ...roles]);
  return ROLES.filter((role) => set.has(role));
}
