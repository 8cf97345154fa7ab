// A device whose logs stop agreeing with its peers': the peers logged traffic with it and it
// logged none (silent buckets), or both logged and the counts disagree (mismatched buckets), over
// the integrity verification's results (lib/integrity). Results are read SETTLE_MINUTES after the
// fact, once late records have been re-checked. Critical when network flow logging was turned off
// around it, or the device's configuration changed just before it went quiet.
import { defineWindowedRule } from "../../define-rule";
import { AFTER_VERIFICATION, SETTLE_SQL } from "../../helpers/integrity";

export type StoppedCountersigningRow = {
  node_id: string;
  name: string | null;
  first_bad: Date | string;
  silent_buckets: number;
  mismatched_buckets: number;
  countersigned_buckets: number;
  logging_disabled: boolean;
  change_before: string | null;
};

export const WINDOW_MINUTES = 15;
/** Buckets in the window that make the device's logs untrustworthy. */
export const MIN_BAD_BUCKETS = 3;

/**
 * Per device over [from, to) of the results: silent buckets (unambiguous: its peers logged, it did
 * not), countersigned buckets, and mismatched buckets it is blamed for. A mismatch has two sides
 * and cannot say which one lies; a device that alters its records disagrees with all its peers,
 * each peer only with it. So a mismatched connection is blamed on the side that disagrees with at
 * least as many distinct peers as the other (both, on a tie such as a device with a single peer).
 */
export const deviceTrustSql = (from: string, to: string) => `
  WITH m AS (
    SELECT low_node_id AS node, high_node_id AS peer, bucket FROM integrity_pair_results
     WHERE outcome = 'MISMATCHED' AND bucket >= ${from} AND bucket < ${to} AND low_node_id IS NOT NULL AND high_node_id IS NOT NULL
    UNION ALL
    SELECT high_node_id, low_node_id, bucket FROM integrity_pair_results
     WHERE outcome = 'MISMATCHED' AND bucket >= ${from} AND bucket < ${to} AND low_node_id IS NOT NULL AND high_node_id IS NOT NULL
  ), deg AS (
    SELECT node, count(DISTINCT peer) AS peers FROM m GROUP BY node
  ), blamed AS (
    SELECT m.node, count(DISTINCT m.bucket)::int AS buckets, min(m.bucket) AS first_bucket
      FROM m JOIN deg dn ON dn.node = m.node JOIN deg dp ON dp.node = m.peer
     WHERE dn.peers >= dp.peers GROUP BY m.node
  ), d AS (
    SELECT node_id,
           count(*) FILTER (WHERE silent > 0 AND entries = 0)::int AS silent_buckets,
           count(*) FILTER (WHERE countersigned > 0)::int AS countersigned_buckets,
           min(bucket) FILTER (WHERE silent > 0 AND entries = 0) AS first_silent
      FROM integrity_device_buckets
     WHERE bucket >= ${from} AND bucket < ${to}
     GROUP BY node_id
  )
  SELECT d.node_id, d.silent_buckets, coalesce(blamed.buckets, 0) AS mismatched_buckets, d.countersigned_buckets,
         least(d.first_silent, blamed.first_bucket) AS first_bad
    FROM d LEFT JOIN blamed ON blamed.node = d.node_id`;

const SQL = `
WITH d AS (${deviceTrustSql(`$1::timestamptz - ${SETTLE_SQL}`, `$2::timestamptz - ${SETTLE_SQL}`)})
SELECT d.node_id, dev.name, d.first_bad, d.silent_buckets, d.mismatched_buckets, d.countersigned_buckets,
       EXISTS (SELECT 1 FROM audit_events a
                WHERE a.event_time >= d.first_bad - interval '1 hour' AND a.event_time < $2::timestamptz
                  AND a.target_property = 'NETWORK_FLOW_LOGGING' AND a.action = 'DISABLE' AND a.error IS NULL) AS logging_disabled,
       (SELECT coalesce(a.target_property, a.action) FROM audit_events a
         WHERE a.event_time >= d.first_bad - interval '30 minutes' AND a.event_time <= d.first_bad + interval '1 minute'
           AND (a.target_id = d.node_id OR a.actor_id = d.node_id) AND a.error IS NULL
         ORDER BY a.event_time DESC LIMIT 1) AS change_before
  FROM d LEFT JOIN devices dev ON dev.node_id = d.node_id
 WHERE d.silent_buckets >= ${MIN_BAD_BUCKETS} OR d.mismatched_buckets >= ${MIN_BAD_BUCKETS}`;

/** The rule's judgement, also used by the benchmark to score the verification. */
export const untrusted = (r: Pick<StoppedCountersigningRow, "silent_buckets" | "mismatched_buckets">) =>
  r.silent_buckets >= MIN_BAD_BUCKETS || r.mismatched_buckets >= MIN_BAD_BUCKETS;

const row = (o: Partial<StoppedCountersigningRow> = {}): StoppedCountersigningRow => ({
  node_id: "nSrv20CNTRL",
  name: "srv-20.example.ts.net",
  first_bad: "2026-11-21T11:40:00Z",
  silent_buckets: 8,
  mismatched_buckets: 0,
  countersigned_buckets: 0,
  logging_disabled: false,
  change_before: null,
  ...o,
});

export default defineWindowedRule<StoppedCountersigningRow>({
  id: "Countersign.Integrity.StoppedCountersigning",
  title: "Device stopped countersigning its traffic",
  description:
    "A device's flow logs no longer agree with its peers': the peers logged traffic with it and it logged none, or both logged and the counts disagree. Lost, filtered or tampered logs on the device, or a device that is not the one it claims to be. Critical when flow logging was turned off around it or the device's configuration changed just before.",
  logType: "flow",
  after: AFTER_VERIFICATION,
  windowMinutes: () => WINDOW_MINUTES,
  sql: SQL,
  severity: (r) => (r.logging_disabled || r.change_before ? "CRITICAL" : "HIGH"),
  mitre: ["TA0005:T1562.008", "TA0005:T1070"],
  runbook: [
    "Open the device's coverage (Integrity API /api/v1/integrity/devices and /pairs) and see since when and with which peers its records stop agreeing.",
    "Check the audit log around the first bad bucket: flow logging turned off, the device's tags, key or routes changed.",
    "Ask the owner whether the device was rebooted, reinstalled or had tailscaled stopped; compare with its last record time.",
    "If nobody can explain it, treat the device's logs as untrustworthy for the period, rely on its peers' records, and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://attack.mitre.org/techniques/T1562/008/"],
  dedupMinutes: 24 * 60,
  evaluate: (r) => untrusted(r),
  dedupKey: (r) => r.node_id,
  alertTitle: (r) =>
    `${r.name ?? r.node_id} stopped countersigning: ${r.silent_buckets ? `silent in ${r.silent_buckets} min while peers logged traffic` : `counts disagree in ${r.mismatched_buckets} min`}`,
  context: (r) => ({ nodeId: r.node_id, firstBad: r.first_bad, silentBuckets: r.silent_buckets, mismatchedBuckets: r.mismatched_buckets, countersignedBuckets: r.countersigned_buckets, loggingDisabled: r.logging_disabled, changeBefore: r.change_before }),
  matchedFields: ["silent_buckets", "mismatched_buckets"],
  entity: (r) => ({ type: "device", value: r.node_id }),
  tests: [
    { name: "Silent for 8 minutes while its peers logged traffic with it", expected: true, row: row() },
    { name: "Counts drift: 5 mismatched buckets", expected: true, row: row({ silent_buckets: 0, mismatched_buckets: 5, countersigned_buckets: 10 }) },
    { name: "Silent after flow logging was turned off (critical)", expected: true, row: row({ logging_disabled: true }) },
    { name: "One late minute: 1 silent, 2 mismatched buckets", expected: false, row: row({ silent_buckets: 1, mismatched_buckets: 2, countersigned_buckets: 12 }) },
    { name: "Healthy: all countersigned", expected: false, row: row({ silent_buckets: 0, countersigned_buckets: 15 }) },
  ],
});
