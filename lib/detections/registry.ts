// Every rule Countersign runs. A new rule is one file under rules/ and one line here; the
// registry test checks ids, file names, tests and MITRE tags.
import type { Rule } from "./define-rule";
import httpsDisabled from "./rules/tailscale-audit/https-disabled";
import magicDnsDisabled from "./rules/tailscale-audit/magic-dns-disabled";
import deviceApprovalDisabled from "./rules/tailscale-audit/device-approval-disabled";
import userApprovalDisabled from "./rules/tailscale-audit/user-approval-disabled";
import flowLoggingDisabled from "./rules/tailscale-audit/flow-logging-disabled";
import exitFlowLoggingDisabled from "./rules/tailscale-audit/exit-flow-logging-disabled";
import logStreamingChanged from "./rules/tailscale-audit/log-streaming-changed";
import tailnetLockDisabled from "./rules/tailscale-audit/tailnet-lock-disabled";
import scimDisabled from "./rules/tailscale-audit/scim-disabled";
import postureIntegrationRemoved from "./rules/tailscale-audit/posture-integration-removed";
import policyFileChanged from "./rules/tailscale-audit/policy-file-changed";
import userRoleElevated from "./rules/tailscale-audit/user-role-elevated";
import leakedKeyRevoked from "./rules/tailscale-audit/leaked-key-revoked";
import keyExpiryDisabled from "./rules/tailscale-audit/key-expiry-disabled";
import riskyKeyCreated from "./rules/tailscale-audit/risky-key-created";
import deviceChangeByUnexpectedOwner from "./rules/tailscale-audit/device-change-by-unexpected-owner";
import externalUserInvited from "./rules/tailscale-audit/external-user-invited";
import webhookChanged from "./rules/tailscale-audit/webhook-changed";
import securityContactChanged from "./rules/tailscale-audit/security-contact-changed";
import sensitivePortAccess from "./rules/tailscale-flow/sensitive-port-access";
import newListeningPort from "./rules/tailscale-flow/new-listening-port";
import portScan from "./rules/tailscale-flow/port-scan";
import trafficSpike from "./rules/tailscale-flow/traffic-spike";
import duplicateNodeKey from "./rules/tailscale-flow/duplicate-node-key";
import repeatedFailedChanges from "./rules/tailscale-audit/repeated-failed-changes";
import repeatedSignInFailures from "./rules/countersign-auth/repeated-sign-in-failures";
import stoppedCountersigning from "./rules/countersign-integrity/stopped-countersigning";
import loggingGap from "./rules/countersign-integrity/logging-gap";
import possibleRestart from "./rules/countersign-integrity/possible-restart";

/** Rules over Tailscale's configuration audit log, evaluated on each committed batch. */
const AUDIT_RULES: Rule[] = [
  httpsDisabled,
  magicDnsDisabled,
  deviceApprovalDisabled,
  userApprovalDisabled,
  flowLoggingDisabled,
  exitFlowLoggingDisabled,
  logStreamingChanged,
  tailnetLockDisabled,
  scimDisabled,
  postureIntegrationRemoved,
  policyFileChanged,
  userRoleElevated,
  leakedKeyRevoked,
  keyExpiryDisabled,
  riskyKeyCreated,
  deviceChangeByUnexpectedOwner,
  externalUserInvited,
  webhookChanged,
  securityContactChanged,
  repeatedFailedChanges,
];

/** Rules over flow entries, evaluated on each committed batch. */
const FLOW_RULES: Rule[] = [sensitivePortAccess];

/** Rules over windows of stored records (thresholds, scans, spikes, first-seen), on a schedule. */
const WINDOWED_RULES: Rule[] = [newListeningPort, portScan, trafficSpike, duplicateNodeKey, repeatedSignInFailures];

/** Rules over the integrity verification's results (lib/integrity), read once late records are settled. */
const INTEGRITY_RULES: Rule[] = [stoppedCountersigning, loggingGap, possibleRestart];

export const RULES: readonly Rule[] = [...AUDIT_RULES, ...FLOW_RULES, ...WINDOWED_RULES, ...INTEGRITY_RULES];

export function findRule(id: string): Rule | null {
  return RULES.find((r) => r.id === id) ?? null;
}
