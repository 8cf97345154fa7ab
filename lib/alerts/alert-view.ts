// An alert as pages and the REST API show it: plain JSON, times as RFC 3339 strings.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Severity } from "@/lib/detections/severity";
import type { AlertStatusName, DismissalName } from "./schemas";

export type AlertRecord = {
  id: number;
  ruleId: string;
  severity: Severity;
  title: string;
  dedupKey: string;
  status: AlertStatusName;
  dismissal: DismissalName | null;
  dismissReason: string | null;
  assignee: { id: string; name: string; email: string } | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
  context: Prisma.JsonValue;
  matchedFields: string[];
  entityType: string | null;
  entity: string | null;
  deviceNodeId: string | null;
  userLogin: string | null;
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  dismissedAt: Date | null;
  version: number;
};

export const ALERT_SELECT = {
  id: true,
  ruleId: true,
  severity: true,
  title: true,
  dedupKey: true,
  status: true,
  dismissal: true,
  dismissReason: true,
  assignee: { select: { id: true, name: true, email: true } },
  firstSeenAt: true,
  lastSeenAt: true,
  eventCount: true,
  context: true,
  matchedFields: true,
  entityType: true,
  entity: true,
  deviceNodeId: true,
  userLogin: true,
  createdAt: true,
  updatedAt: true,
  acknowledgedAt: true,
  dismissedAt: true,
  version: true,
} as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAlertView(a: AlertRecord) {
  return {
    id: a.id,
    ruleId: a.ruleId,
    severity: a.severity,
    title: a.title,
    dedupKey: a.dedupKey,
    status: a.status,
    dismissal: a.dismissal,
    dismissReason: a.dismissReason,
    assignee: a.assignee,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    eventCount: a.eventCount,
    context: (a.context ?? {}) as Record<string, unknown>,
    matchedFields: a.matchedFields,
    entityType: a.entityType,
    entity: a.entity,
    deviceNodeId: a.deviceNodeId,
    userLogin: a.userLogin,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    acknowledgedAt: iso(a.acknowledgedAt),
    dismissedAt: iso(a.dismissedAt),
    version: a.version,
  };
}
export type AlertView = ReturnType<typeof toAlertView>;
