// Every rule Countersign runs. A new rule is one file under rules/ and one line here; the
// registry test checks ids, file names, tests and MITRE tags.
import type { Rule } from "./define-rule";
import httpsDisabled from "./rules/tailscale-audit/https-disabled";

/** Rules over Tailscale's configuration audit log, evaluated on each committed batch. */
const AUDIT_RULES: Rule[] = [httpsDisabled];

/** Rules over flow entries, evaluated on each committed batch. */
const FLOW_RULES: Rule[] = [];

/** Rules over windows of stored records (thresholds, scans, spikes, first-seen), on a schedule. */
const WINDOWED_RULES: Rule[] = [];

export const RULES: readonly Rule[] = [...AUDIT_RULES, ...FLOW_RULES, ...WINDOWED_RULES];

export function findRule(id: string): Rule | null {
  return RULES.find((r) => r.id === id) ?? null;
}
