// Every rule Countersign runs. A new rule is one file under rules/ and one line here; the
// registry test checks ids, file names, tests and MITRE tags.
import type { Rule } from "./define-rule";
import httpsDisabled from "./rules/tailscale-audit/https-disabled";
import sensitivePortAccess from "./rules/tailscale-flow/sensitive-port-access";
import newListeningPort from "./rules/tailscale-flow/new-listening-port";
import portScan from "./rules/tailscale-flow/port-scan";
import trafficSpike from "./rules/tailscale-flow/traffic-spike";
import duplicateNodeKey from "./rules/tailscale-flow/duplicate-node-key";
import repeatedFailedChanges from "./rules/tailscale-audit/repeated-failed-changes";
import repeatedSignInFailures from "./rules/countersign-auth/repeated-sign-in-failures";

/** Rules over Tailscale's configuration audit log, evaluated on each committed batch. */
const AUDIT_RULES: Rule[] = [httpsDisabled];

/** Rules over flow entries, evaluated on each committed batch. */
const FLOW_RULES: Rule[] = [sensitivePortAccess];

/** Rules over windows of stored records (thresholds, scans, spikes, first-seen), on a schedule. */
const WINDOWED_RULES: Rule[] = [newListeningPort, portScan, trafficSpike, duplicateNodeKey, repeatedFailedChanges, repeatedSignInFailures];

export const RULES: readonly Rule[] = [...AUDIT_RULES, ...FLOW_RULES, ...WINDOWED_RULES];

export function findRule(id: string): Rule | null {
  return RULES.find((r) => r.id === id) ?? null;
}
