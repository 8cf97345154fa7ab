// A case report as one document model (headings, fields, paragraphs, lists, tables) that the
// Markdown and PDF renderers both draw, so the two files always say the same thing. Pure: the
// case comes in as plain data; nothing here reads the database.
import { SEVERITY_LABELS, type Severity } from "@/lib/detections/severity";
import { PRESET_LABELS, type DeadlinePreset } from "../deadlines";
import { AUDIENCE_LABELS, OBLIGATION_STATUS_LABELS, type Audience, type ObligationStatus } from "../obligations-rules";
import { OUTCOME_LABELS, STATUS_LABELS, type CaseOutcome, type CaseStatus } from "../status";

export type Block =
  | { kind: "fields"; items: [string, string][] }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; columns: string[]; rows: string[][] };

export type Section = { heading: string; blocks: Block[] };
export type ReportDocument = { title: string; subtitle: string; generated: string; sections: Section[] };

type Person = string | null;
export type CaseReportInput = {
  reference: string;
  title: string;
  summary: string;
  severity: Severity;
  visibility: string;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  resolutionNote: string | null;
  lead: Person;
  members: string[];
  awareAt: Date;
  createdAt: Date;
  stamps: { label: string; at: Date | null }[];
  timeline: { occurredAt: Date; timeZone: string | null; source: string | null; body: string; actor: Person; kind: string }[];
  alertEventCount: number;
  alerts: { id: number; title: string }[];
  reports: { reference: string; category: string }[];
  tasks: { title: string; required: boolean; doneAt: Date | null; assignee: Person }[];
  impact: {
    determinedAt: Date | null;
    determinedBy: Person;
    confidentiality: string | null;
    integrity: string | null;
    availability: string | null;
    systems: string[];
    devices: string[];
    dataTypes: string[];
    customersAffected: number | null;
    peopleAffected: number | null;
    summary: string | null;
  };
  decision: { disclose: boolean | null; rationale: string | null; decidedAt: Date | null; decidedBy: Person; approvedAt: Date | null; approvedBy: Person; needsApproval: boolean };
  obligations: { audience: Audience; preset: string; deadline: Date; status: ObligationStatus; text: string | null; approvedAt: Date | null; approvedBy: Person; sentAt: Date | null; sentBy: Person }[];
  evidence: { name: string; size: number; sha256: string; addedAt: Date; addedBy: Person }[];
};

export const utc = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "");
const level = (l: string | null) => (l ? l.charAt(0) + l.slice(1).toLowerCase() : "Not determined");
const by = (at: Date | null, who: Person) => (at ? `${utc(at)}${who ? ` by ${who}` : ""}` : "");
const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function buildCaseReport(c: CaseReportInput, generatedAt: Date, generatedBy: string): ReportDocument {
  const sections: Section[] = [];
  sections.push({
    heading: "Summary",
    blocks: [
      {
        kind: "fields",
        items: [
          ["Reference", c.reference],
          ["Severity", SEVERITY_LABELS[c.severity]],
          ["Status", STATUS_LABELS[c.status]],
          ["Outcome", c.outcome ? OUTCOME_LABELS[c.outcome] : ""],
          ["Visibility", c.visibility],
          ["Lead", c.lead ?? ""],
          ["Members", c.members.join(", ")],
          ["Aware since", utc(c.awareAt)],
          ["Opened", utc(c.createdAt)],
          ...c.stamps.filter((s) => s.at).map((s): [string, string] => [s.label, utc(s.at)]),
        ].filter(([, v]) => v !== "") as [string, string][],
      },
      ...(c.summary.trim() ? [{ kind: "paragraph" as const, text: c.summary }] : []),
      ...(c.resolutionNote?.trim() ? [{ kind: "paragraph" as const, text: `Resolution: ${c.resolutionNote}` }] : []),
    ],
  });

  sections.push({
    heading: "Timeline",
    blocks: [
      c.timeline.length
        ? { kind: "table", columns: ["When", "Who", "What"], rows: c.timeline.map((e) => [`${utc(e.occurredAt)}${e.timeZone && e.timeZone !== "UTC" ? ` (${e.timeZone})` : ""}`, e.actor ?? (e.kind === "AUTO" ? "Countersign" : ""), `${e.body}${e.source ? ` [source: ${e.source}]` : ""}`]) }
        : { kind: "paragraph", text: "No entries." },
      ...(c.alertEventCount ? [{ kind: "paragraph" as const, text: `The linked alerts hold ${c.alertEventCount} log events (not reproduced here).` }] : []),
    ],
  });

  sections.push({
    heading: "Linked alerts and reports",
    blocks: [
      c.alerts.length || c.reports.length
        ? { kind: "list", items: [...c.alerts.map((a) => `Alert #${a.id}: ${a.title}`), ...c.reports.map((r) => `Report ${r.reference} (${r.category})`)] }
        : { kind: "paragraph", text: "None." },
    ],
  });

  sections.push({
    heading: "Tasks and actions",
    blocks: [
      c.tasks.length
        ? { kind: "table", columns: ["Task", "Required", "Assignee", "Done"], rows: c.tasks.map((t) => [t.title, t.required ? "yes" : "", t.assignee ?? "", t.doneAt ? utc(t.doneAt) : "open"]) }
        : { kind: "paragraph", text: "No tasks." },
    ],
  });

  const i = c.impact;
  sections.push({
    heading: "Impact",
    blocks: i.determinedAt
      ? [
          {
            kind: "fields",
            items: (
              [
                ["Confidentiality", level(i.confidentiality)],
                ["Integrity", level(i.integrity)],
                ["Availability", level(i.availability)],
                ["Affected systems", i.systems.join(", ")],
                ["Affected devices", i.devices.join(", ")],
                ["Data types", i.dataTypes.join(", ")],
                ["Customers affected", i.customersAffected === null ? "" : String(i.customersAffected)],
                ["People affected", i.peopleAffected === null ? "" : String(i.peopleAffected)],
                ["Determined", by(i.determinedAt, i.determinedBy)],
              ] as [string, string][]
            ).filter(([, v]) => v !== ""),
          },
          ...(i.summary?.trim() ? [{ kind: "paragraph" as const, text: i.summary }] : []),
        ]
      : [{ kind: "paragraph", text: "Impact not determined yet." }],
  });

  const d = c.decision;
  const decisionBlocks: Block[] = d.decidedAt
    ? [
        {
          kind: "fields",
          items: (
            [
              ["Decision", d.disclose ? "Disclose" : "Do not disclose"],
              ["Decided", by(d.decidedAt, d.decidedBy)],
              ["COO approval", d.approvedAt ? by(d.approvedAt, d.approvedBy) : d.needsApproval ? "Waiting for the COO" : "Not required"],
            ] as [string, string][]
          ).filter(([, v]) => v !== ""),
        },
        ...(d.rationale?.trim() ? [{ kind: "paragraph" as const, text: `Rationale: ${d.rationale}` }] : []),
      ]
    : [{ kind: "paragraph", text: "No disclosure decision yet." }];
  if (c.obligations.length) {
    decisionBlocks.push({
      kind: "table",
      columns: ["Audience", "Deadline", "Status", "Approved", "Sent"],
      rows: c.obligations.map((o) => [AUDIENCE_LABELS[o.audience], `${utc(o.deadline)} (${PRESET_LABELS[o.preset as DeadlinePreset] ?? o.preset})`, OBLIGATION_STATUS_LABELS[o.status], by(o.approvedAt, o.approvedBy), by(o.sentAt, o.sentBy)]),
    });
    for (const o of c.obligations) if (o.text?.trim()) decisionBlocks.push({ kind: "paragraph", text: `Text for ${AUDIENCE_LABELS[o.audience].toLowerCase()}: ${o.text}` });
  }
  sections.push({ heading: "Disclosure", blocks: decisionBlocks });

  sections.push({
    heading: "Evidence",
    blocks: [
      c.evidence.length
        ? { kind: "table", columns: ["File", "Size", "SHA-256", "Added"], rows: c.evidence.map((e) => [e.name, bytes(e.size), e.sha256, by(e.addedAt, e.addedBy)]) }
        : { kind: "paragraph", text: "No evidence." },
    ],
  });

  return { title: `${c.reference}: ${c.title}`, subtitle: `${SEVERITY_LABELS[c.severity]} · ${STATUS_LABELS[c.status]} · ${c.visibility}`, generated: `Exported ${utc(generatedAt)} by ${generatedBy}`, sections };
}
