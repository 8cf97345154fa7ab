// Configuration changes that Tailscale refused (the record's `error`), repeated by one actor.
// Reads the partial index on failed events (audit_events_failed_event_time_idx).
import { defineWindowedRule } from "../../define-rule";
import { DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";
import { isoSql } from "../../helpers/flow";

export type FailedChangesRow = {
  actor: string;
  actor_type: string | null;
  failures: number;
  actions: string[];
  errors: string[];
  targets: string[];
  first_at: string;
  last_at: string;
};

const SQL = `
SELECT coalesce(a.actor_login, a.actor_id, 'unknown') AS actor, max(a.actor_type) AS actor_type, count(*)::int AS failures,
       (array_agg(DISTINCT a.action))[1:10] AS actions,
       (array_agg(DISTINCT left(a.error, 200)))[1:5] AS errors,
       (array_agg(DISTINCT coalesce(a.target_name, a.target_id, a.target_type)) FILTER (WHERE coalesce(a.target_name, a.target_id, a.target_type) IS NOT NULL))[1:10] AS targets,
       ${isoSql("min(a.event_time)")} AS first_at, ${isoSql("max(a.event_time)")} AS last_at
  FROM audit_events a
 WHERE a.event_time >= $1::timestamptz AND a.event_time < $2::timestamptz AND a.error IS NOT NULL
 GROUP BY 1
HAVING count(*) >= ($3::jsonb->>'threshold')::int`;

const row = (o: Partial<FailedChangesRow> = {}): FailedChangesRow => ({
  actor: "mallory@example.com",
  actor_type: "USER",
  failures: 7,
  actions: ["UPDATE", "DELETE"],
  errors: ["permission denied"],
  targets: ["example.com", "server-1"],
  first_at: "2026-11-21T11:46:10Z",
  last_at: "2026-11-21T11:58:02Z",
  ...o,
});

export default defineWindowedRule<FailedChangesRow>({
  id: "Tailscale.Audit.RepeatedFailedChanges",
  title: "Repeated failed configuration changes",
  description:
    "One actor (user, API key or OAuth client) had several configuration changes refused by Tailscale within minutes (settings: failed changes). Someone probing what a stolen credential may do, or trying to weaken the policy without the rights, leaves exactly this trail.",
  logType: "audit",
  windowMinutes: (s) => s.failedChanges.windowMinutes,
  sql: SQL,
  params: ({ settings }) => ({ threshold: settings.failedChanges.threshold }),
  severity: "MEDIUM",
  mitre: ["TA0007:T1087", "TA0005:T1562"],
  runbook: [
    "Read the failed events in the Config log (filter: actor, failed only): what was attempted, on which targets, and the errors.",
    "Ask the actor (or the owner of the API key or OAuth client) whether they were doing this; confirm through a second channel.",
    "If a script is misconfigured, fix its scopes or stop it; dismiss as benign.",
    "If nobody can explain it, revoke the actor's API keys and sessions, and review its successful changes in the same period.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1203/audit-logging", "https://attack.mitre.org/techniques/T1087/"],
  dedupMinutes: 60,
  evaluate: (r, ctx) => r.failures >= ctx.settings.failedChanges.threshold,
  dedupKey: (r) => r.actor,
  alertTitle: (r) => `${r.failures} failed configuration changes by ${r.actor}`,
  context: (r) => ({ actor: r.actor, actorType: r.actor_type, failures: r.failures, actions: r.actions, errors: r.errors, targets: r.targets, firstAt: r.first_at, lastAt: r.last_at }),
  matchedFields: ["actor", "failures"],
  entity: (r) => ({ type: "user", value: r.actor }),
  tests: [
    { name: "Seven refused changes in the window", expected: true, row: row() },
    { name: "Exactly the threshold", expected: true, row: row({ failures: 5 }) },
    { name: "Two refused changes", expected: false, row: row({ failures: 2 }) },
    { name: "Below a raised threshold", expected: false, row: row({ failures: 7 }), context: { settings: { ...DEFAULT_DETECTION_SETTINGS, failedChanges: { windowMinutes: 15, threshold: 20 } } } },
  ],
});
