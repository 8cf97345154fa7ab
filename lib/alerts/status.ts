// What each action does to an alert's status, and when it may not. Pure: the operations apply
// it inside their transaction, the pages use it to offer only the actions that make sense.
import type { AlertAction, AlertChange, AlertStatusName } from "./schemas";

type AlertState = { status: AlertStatusName; assigneeId: string | null };

/** Why the action does not apply to an alert in this state, or null when it does. */
export function refusalOf(alert: AlertState, change: AlertChange): string | null {
  switch (change.action) {
    case "acknowledge":
      return alert.status === "OPEN" ? null : `it is ${describe(alert.status)}, not open`;
    case "dismiss":
      return alert.status === "OPEN" || alert.status === "ACKNOWLEDGED" ? null : `it is ${describe(alert.status)}`;
    case "reopen":
      return alert.status === "ACKNOWLEDGED" || alert.status === "DISMISSED" ? null : `it is ${describe(alert.status)}`;
    case "assign":
      return alert.status === "DISMISSED" ? "it is dismissed (reopen it first)" : alert.assigneeId === change.assigneeId ? "it is already assigned to that person" : null;
    case "unassign":
      return alert.assigneeId ? null : "nobody is assigned";
  }
}

const describe = (s: AlertStatusName) => ({ OPEN: "open", ACKNOWLEDGED: "already acknowledged", LINKED: "linked to a case", DISMISSED: "dismissed" })[s];

/** The fields an action sets (the assignee is resolved by the operation). */
export function changeOf(change: AlertChange, now: Date) {
  switch (change.action) {
    case "acknowledge":
      return { status: "ACKNOWLEDGED" as const, acknowledgedAt: now };
    case "dismiss":
      return { status: "DISMISSED" as const, dismissal: change.dismissal, dismissReason: change.reason, dismissedAt: now };
    case "reopen":
      return { status: "OPEN" as const, dismissal: null, dismissReason: null, dismissedAt: null, acknowledgedAt: null };
    case "assign":
      return { assigneeId: change.assigneeId };
    case "unassign":
      return { assigneeId: null };
  }
}

/** The actions offered on an alert in this state. */
export function actionsFor(alert: AlertState): AlertAction[] {
  const all: AlertChange[] = [{ action: "acknowledge" }, { action: "assign", assigneeId: "\u0000" }, { action: "unassign" }, { action: "dismiss", dismissal: "FALSE_POSITIVE", reason: "x" }, { action: "reopen" }];
  return all.filter((c) => refusalOf(alert, c) === null).map((c) => c.action);
}

export const ACTION_DONE: Record<AlertAction, string> = {
  acknowledge: "acknowledged",
  assign: "assigned",
  unassign: "unassigned",
  dismiss: "dismissed",
  reopen: "reopened",
};
