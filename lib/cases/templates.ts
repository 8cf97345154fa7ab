// The case templates a new installation starts with: one checklist per kind of incident, drawn
// from the policy's steps (confirm and scope, preserve logs and evidence, contain, eradicate,
// recover, determine impact, decide disclosure, lessons learned). Pure. They are inserted into
// CaseTemplate by ensureCaseTemplates (lib/cases/ensure-case-templates.ts), after which they are
// edited in the app and this file is only where new installations start.

export type TemplateTask = { title: string; description?: string; required: boolean };
export type CaseTemplateDefinition = { kind: string; name: string; description: string; tasks: TemplateTask[] };

const confirm = (what: string): TemplateTask => ({ title: "Confirm and scope", description: what, required: true });
const preserve = (what: string): TemplateTask => ({ title: "Preserve logs and evidence", description: what, required: true });
const contain = (what: string): TemplateTask => ({ title: "Contain", description: what, required: true });
const eradicate = (what: string, required = true): TemplateTask => ({ title: "Eradicate", description: what, required });
const recover = (what: string, required = true): TemplateTask => ({ title: "Recover", description: what, required });
const IMPACT: TemplateTask = { title: "Determine impact", description: "Confidentiality, integrity, availability; systems, devices, data, customers and people affected.", required: true };
const DISCLOSURE: TemplateTask = { title: "Decide disclosure", description: "Disclose or not, to whom and by when; the COO approves for sealed cases and public disclosure.", required: true };
const LESSONS: TemplateTask = { title: "Lessons learned", description: "What would have caught it sooner or stopped it; file the follow-up work.", required: false };

export const CASE_TEMPLATES: readonly CaseTemplateDefinition[] = [
  {
    kind: "unauthorized-config-change",
    name: "Unauthorized configuration change",
    description: "A tailnet setting, ACL policy or DNS configuration changed without an approved change.",
    tasks: [
      confirm("Who made the change, from where, and was it approved? Compare old and new values in the audit log."),
      preserve("Preserve the configuration audit log around the change and the policy file versions."),
      contain("Revert the change; suspend the actor's access or key if the change was not theirs."),
      eradicate("Rotate any credential used to make the change (API key, OAuth client, admin account)."),
      recover("Confirm the setting is back and detections cover it.", false),
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
  {
    kind: "compromised-device-or-key",
    name: "Compromised device or key",
    description: "A node, auth key, API key or node key is believed to be in someone else's hands.",
    tasks: [
      confirm("Identify the device or key, its owner, its tags and what it could reach."),
      preserve("Preserve flow records and audit events for the device and key; take a disk image if possible."),
      contain("Expire or remove the node, revoke the key, isolate the device by ACL."),
      eradicate("Reinstall or wipe the device; remove persistence."),
      recover("Re-enrol the device with a fresh key; watch it for recurrence."),
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
  {
    kind: "account-abuse",
    name: "Account abuse",
    description: "A user account is used by someone else or for something it should not do.",
    tasks: [
      confirm("Review sign-ins, lockouts and the account's actions; talk to the owner."),
      preserve("Preserve the identity provider's and the app's sign-in logs and the audit events."),
      contain("Suspend the account and end its sessions; reset its credentials and second factor."),
      eradicate("Remove anything the abuser added: keys, devices, rules, forwarding."),
      recover("Restore the owner's access; confirm second factor enrolment."),
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
  {
    kind: "data-exposure",
    name: "Data exposure",
    description: "Data was, or may have been, seen or taken by people who should not have it.",
    tasks: [
      confirm("What data, whose, how much, since when, and who could read it."),
      preserve("Preserve access logs, flow records and copies of the exposed location's configuration."),
      contain("Close the exposure (permissions, sharing links, ACLs)."),
      eradicate("Remove copies where possible; rotate exposed secrets."),
      recover("Restore intended access; verify no further exposure.", false),
      IMPACT,
      { ...DISCLOSURE, description: "Customers, regulators and partners may have to be told within a deadline (72 hours)." },
      LESSONS,
    ],
  },
  {
    kind: "denial-of-service",
    name: "Denial of service",
    description: "A service or the network is overwhelmed or made unavailable on purpose.",
    tasks: [
      confirm("Which service, since when, from where; volume and pattern of the traffic."),
      preserve("Preserve flow records and service logs of the attack window."),
      contain("Block or rate-limit the sources; scale or fail over the service."),
      eradicate("Remove the cause where it is inside (compromised node, runaway job).", false),
      recover("Restore normal service and confirm with monitoring."),
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
  {
    kind: "physical-theft-or-loss",
    name: "Physical theft or loss",
    description: "A laptop, phone, key or other equipment was stolen, lost or damaged.",
    tasks: [
      confirm("What was lost, when and where, what was on it, and was it encrypted."),
      preserve("Keep the police or insurance report and the device's last-seen records."),
      contain("Remove the device from the tailnet, revoke its keys, wipe it remotely if possible."),
      eradicate("Rotate credentials that were stored on the device.", false),
      recover("Provide a replacement device enrolled afresh.", false),
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
  {
    kind: "harassment-or-code-of-conduct",
    name: "Harassment or Code of Conduct",
    description: "Harassment, threats or another Code of Conduct violation. Cases of this kind are COO only.",
    tasks: [
      confirm("Hear the people involved; establish what happened, keeping the circle small."),
      preserve("Keep messages, recordings and statements as evidence on the case."),
      contain("Protect the people affected (separate, suspend access) while it is resolved."),
      { title: "Decide the response", description: "The COO decides the outcome and the measures.", required: true },
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
  {
    kind: "external-vulnerability-report",
    name: "External vulnerability report",
    description: "Someone outside the company reported a vulnerability through the security@ path.",
    tasks: [
      confirm("Reproduce the vulnerability; rate its severity; acknowledge the reporter."),
      preserve("Keep the report, proof of concept and logs of any exploitation found."),
      contain("Mitigate until fixed (configuration, feature switch, ACL)."),
      eradicate("Fix the vulnerability and verify the fix."),
      recover("Check for exploitation before the fix; tell the reporter it is fixed.", false),
      IMPACT,
      DISCLOSURE,
      LESSONS,
    ],
  },
];

export const findTemplateDefinition = (kind: string) => CASE_TEMPLATES.find((t) => t.kind === kind) ?? null;

/** A template's tasks as stored (JSON), read back defensively: anything malformed is left out. */
export function templateTasksOf(json: unknown): TemplateTask[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((t: unknown) => {
    if (!t || typeof t !== "object") return [];
    const { title, description, required } = t as Record<string, unknown>;
    if (typeof title !== "string" || !title.trim()) return [];
    return [{ title, ...(typeof description === "string" ? { description } : {}), required: required === true }];
  });
}
