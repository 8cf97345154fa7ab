// The case report's model and its two renderings, with hostile text: Markdown and HTML
// injection, very long text, emoji and CJK (kept in Markdown; printed without crashing in PDF).
import { describe, expect, it } from "vitest";
import { escapeBlock, escapeInline, renderMarkdown } from "./markdown";
import { buildCaseReport, type CaseReportInput } from "./model";
import { renderPdf } from "./pdf";

const at = new Date("2026-11-20T09:30:00Z");
const hostile = "# Pwned\n<script>alert(1)</script> [click](javascript:alert(1)) ![x](http://evil/x.png) | a | b |\n---\n1. *bold* _it_ `code` ~~gone~~ \\";

function input(overrides: Partial<CaseReportInput> = {}): CaseReportInput {
  return {
    reference: "CASE-2026-0042",
    title: "Key used from a new place",
    summary: "An auth key was used from an unknown device.",
    severity: "HIGH",
    visibility: "SENSITIVE",
    status: "RESOLVED",
    outcome: "CONFIRMED_INCIDENT",
    resolutionNote: null,
    lead: "Sam Security",
    members: ["Sam Security", "Ola Ops"],
    awareAt: at,
    createdAt: at,
    stamps: [{ label: "Resolved", at: new Date("2026-11-21T10:00:00Z") }, { label: "Closed", at: null }],
    timeline: [{ occurredAt: at, timeZone: "Europe/Berlin", source: "EDR", body: "Key revoked", actor: "Sam Security", kind: "NOTE" }],
    alertEventCount: 3,
    alerts: [{ id: 7, title: "Auth key used from new device" }],
    reports: [{ reference: "RPT-2026-0001", category: "SUSPICIOUS_ACTIVITY" }],
    tasks: [{ title: "Contain", required: true, doneAt: at, assignee: "Sam Security" }],
    impact: { determinedAt: at, determinedBy: "Sam Security", confidentiality: "HIGH", integrity: "LOW", availability: "NONE", systems: ["sso"], devices: ["laptop-7"], dataTypes: ["emails"], customersAffected: 3, peopleAffected: null, summary: "Three customer records read." },
    decision: { disclose: true, rationale: "Customer data was read.", decidedAt: at, decidedBy: "Sam Security", approvedAt: null, approvedBy: null, needsApproval: true },
    obligations: [{ audience: "CUSTOMERS", preset: "HOURS_72", deadline: new Date("2026-11-23T09:30:00Z"), status: "APPROVED", text: "Dear customer", approvedAt: at, approvedBy: "Cora COO", sentAt: null, sentBy: null }],
    evidence: [{ name: "capture.pcap", size: 2048, sha256: "a".repeat(64), addedAt: at, addedBy: "Sam Security" }],
    ...overrides,
  };
}

describe("the case report model", () => {
  it("holds every section the report needs, in order", () => {
    const doc = buildCaseReport(input(), new Date("2026-11-21T12:00:00Z"), "cora@example.com");
    expect(doc.title).toBe("CASE-2026-0042: Key used from a new place");
    expect(doc.sections.map((s) => s.heading)).toEqual(["Summary", "Timeline", "Linked alerts and reports", "Tasks and actions", "Impact", "Disclosure", "Evidence"]);
    const md = renderMarkdown(doc);
    expect(md).toContain("# CASE-2026-0042: Key used from a new place");
    expect(md).toContain("| 2026-11-20 09:30 UTC (Europe/Berlin) | Sam Security | Key revoked \\[source: EDR\\] |");
    expect(md).toContain("- **Confidentiality:** High");
    expect(md).toContain("- **COO approval:** Waiting for the COO");
    expect(md).toContain("| Customers | 2026-11-23 09:30 UTC (72 hours from awareness) | Approved | 2026-11-20 09:30 UTC by Cora COO |   |");
    expect(md).toContain("a".repeat(64));
    expect(md).toContain("Alert #7: Auth key used from new device");
    expect(md).toContain("Exported 2026-11-21 12:00 UTC by cora@example.com");
  });

  it("says plainly what is not there yet", () => {
    const md = renderMarkdown(buildCaseReport(input({ timeline: [], tasks: [], evidence: [], obligations: [], impact: { ...input().impact, determinedAt: null }, decision: { ...input().decision, decidedAt: null } }), at, "x"));
    for (const text of ["No entries.", "No tasks.", "No evidence.", "Impact not determined yet.", "No disclosure decision yet."]) expect(md).toContain(text);
  });
});

describe("Markdown escaping", () => {
  it("leaves no heading, link, image, HTML or table break from typed text", () => {
    const md = renderMarkdown(buildCaseReport(input({ title: hostile, summary: hostile, timeline: [{ occurredAt: at, timeZone: null, source: hostile, body: hostile, actor: hostile, kind: "NOTE" }] }), at, "x"));
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/(^|[^\\])\[click\]\(/);
    expect(md).not.toMatch(/(^|[^\\])!\[x\]/);
    expect(md.split("\n").filter((l) => l.startsWith("# "))).toHaveLength(1);
    expect(md.split("\n").filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, ""))).toEqual(expect.arrayContaining(["Summary", "Timeline"]));
    // Each timeline row stays one row with three cells.
    const row = md.split("\n").find((l) => l.startsWith("| 2026-11-20 09:30 UTC"))!;
    expect(row.replace(/\\\|/g, "").split("|").length - 2).toBe(3);
  });

  it("escapes line starts and inline marks", () => {
    expect(escapeInline("# title")).toBe("\\# title");
    expect(escapeInline("- item")).toBe("\\- item");
    expect(escapeInline("12. item")).toBe("12\\. item");
    expect(escapeInline("a <b> & *c* _d_ `e` [f](g) |")).toBe("a &lt;b&gt; &amp; \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\|");
    expect(escapeInline("CASE-2026-0042")).toBe("CASE-2026-0042");
    expect(escapeBlock("line one\n    indented code?\n\n===\nnext")).toBe("line one\\\nindented code?\n\n\\===\\\nnext");
  });

  it("keeps emoji, CJK and very long text whole", () => {
    const long = "x".repeat(100_000);
    const md = renderMarkdown(buildCaseReport(input({ title: "漏洩 🔥 Ключ", summary: long }), at, "x"));
    expect(md).toContain("漏洩 🔥 Ключ");
    expect(md).toContain(long);
  });
});

describe("the PDF", () => {
  it("renders a valid PDF with hostile, non-Latin-1 and very long text without crashing", async () => {
    const huge = Array.from({ length: 400 }, (_, i) => ({ occurredAt: at, timeZone: null, source: null, body: `Entry ${i} 漏洩 🔥👩‍💻 Ключ ${"y".repeat(i % 7 === 0 ? 3000 : 20)}`, actor: "Σωκράτης", kind: "NOTE" }));
    const pdf = await renderPdf(buildCaseReport(input({ title: `漏洩 🔥 ${hostile}`, summary: "z".repeat(60_000), timeline: huge }), at, "x"));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toMatch(/%%EOF/);
    const pages = pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(5);
  }, 60_000);
});
