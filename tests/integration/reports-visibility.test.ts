// Reports and who may see them, through the real queries: for each class, the reporter, another
// employee, SECURITY, COO, ADMIN alone and ADMIN+SECURITY. Anyone who may not see a report
// gets "no such report" and finds it in no list, count, search or audit view.
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/list-audit";
import type { UserViewer } from "@/lib/auth/viewer";
import type { Role, Visibility } from "@/lib/generated/prisma/enums";
import { createReport } from "@/lib/reports/create-report";
import { getReportAttachment } from "@/lib/reports/get-attachment";
import { getMyReport, listMyReports, replyToMyReport } from "@/lib/reports/reporter-view";
import { getReportForTriage, listReports, triageReport } from "@/lib/reports/triage";
import { makeUser } from "../support/db-helpers";

const asViewer = (user: { id: string; email: string; name: string; roles: Role[] }): UserViewer => ({ kind: "user", ...user });

const PEOPLE = ["reporter", "other employee", "security", "coo", "admin", "admin+security"] as const;
type Person = (typeof PEOPLE)[number];
const people = {} as Record<Person, UserViewer>;
const reports = {} as Record<Visibility, { reference: string; id: string; marker: string }>;
const requested: Record<Visibility, { category: string; visibility?: string }> = {
  STANDARD: { category: "SUSPICIOUS_ACTIVITY" },
  SENSITIVE: { category: "ACCOUNT_ABUSE", visibility: "SENSITIVE" },
  COO_ONLY: { category: "CODE_OF_CONDUCT", visibility: "STANDARD" },
};

// Who may triage (see in inboxes, read internals) each class.
const TRIAGE: Record<Visibility, Person[]> = {
  STANDARD: ["security", "coo", "admin+security"],
  SENSITIVE: ["security", "coo", "admin+security"],
  COO_ONLY: ["coo"],
};

beforeAll(async () => {
  people.reporter = asViewer(await makeUser());
  people["other employee"] = asViewer(await makeUser());
  people.security = asViewer(await makeUser(["SECURITY"]));
  people.coo = asViewer(await makeUser(["COO"]));
  people.admin = asViewer(await makeUser(["ADMIN"]));
  people["admin+security"] = asViewer(await makeUser(["ADMIN", "SECURITY"]));
  for (const visibility of ["STANDARD", "SENSITIVE", "COO_ONLY"] as const) {
    const marker = `marker-${visibility}-${Math.random().toString(36).slice(2)}`;
    const created = await createReport({
      viewer: people.reporter,
      input: { ...requested[visibility], description: `Something odd ${marker}` },
      files: [{ name: "evidence.txt", bytes: Buffer.from(`evidence for ${marker}`) }],
    });
    expect(created.visibility).toBe(visibility);
    reports[visibility] = { reference: created.reference, id: created.id, marker };
  }
});

describe.each(["STANDARD", "SENSITIVE", "COO_ONLY"] as const)("a %s report", (visibility) => {
  it.each(PEOPLE)(
    "as %s",
    async (person) => {
      const viewer = people[person];
      const { reference, marker } = reports[visibility];
      const mayTriage = TRIAGE[visibility].includes(person);
      const canTriageAtAll = viewer.roles.includes("SECURITY") || viewer.roles.includes("COO");

      // The inbox list, its count and its search.
      if (canTriageAtAll) {
        const listed = await listReports({ viewer, filter: { q: marker, page: 1 } });
        expect(listed.total).toBe(mayTriage ? 1 : 0);
        expect(listed.rows.map((r) => r.reference)).toEqual(mayTriage ? [reference] : []);
        const byClass = await listReports({ viewer, filter: { visibility, page: 1 } });
        expect(byClass.rows.some((r) => r.reference === reference)).toBe(mayTriage);
      } else {
        await expect(listReports({ viewer, filter: { page: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }

      // The triage page: found, or "no such report" (never FORBIDDEN for those who triage).
      const triage = getReportForTriage({ viewer, reference });
      if (mayTriage) await expect(triage).resolves.toMatchObject({ reference });
      else await expect(triage).rejects.toMatchObject({ code: canTriageAtAll ? "NOT_FOUND" : "FORBIDDEN" });

      // The reporter's view: only the reporter.
      const mine = getMyReport({ viewer, reference });
      if (person === "reporter") await expect(mine).resolves.toMatchObject({ reference });
      else await expect(mine).rejects.toMatchObject({ code: "NOT_FOUND" });
      const myList = await listMyReports({ viewer });
      expect(myList.some((r) => r.reference === reference)).toBe(person === "reporter");

      // Attachments follow the report.
      const attachmentId = (await getReportForTriage({ viewer: people.coo, reference })).attachments[0]!.id;
      const download = getReportAttachment({ viewer, reference, attachmentId });
      if (mayTriage || person === "reporter") await expect(download).resolves.toMatchObject({ filename: "evidence.txt" });
      else await expect(download).rejects.toMatchObject({ code: "NOT_FOUND" });

      // The audit trail view.
      if (viewer.roles.includes("SECURITY") || viewer.roles.includes("ADMIN")) {
        const audit = await listAudit({ viewer, filter: { action: "report.create", page: 1 } });
        expect(audit.rows.some((r) => r.targetId === reports[visibility].id)).toBe(mayTriage);
      }
    },
  );
});

describe("working a report", () => {
  it("keeps internal notes from the reporter, shows them messages, records time to acknowledge", async () => {
    const { reference } = reports.SENSITIVE;
    await triageReport({ viewer: people.security, reference, input: { action: "note", body: "internal: looks like phishing" } });
    let triaged = await getReportForTriage({ viewer: people.security, reference });
    expect(triaged.acknowledgedAt).toBeNull(); // a private note is not an acknowledgement

    await triageReport({ viewer: people.security, reference, input: { action: "message", body: "Which laptop was it?" } });
    triaged = await getReportForTriage({ viewer: people.security, reference });
    expect(triaged.status).toBe("IN_REVIEW");
    expect(triaged.acknowledgedAt).not.toBeNull();
    expect(triaged.acknowledgedById).toBe(people.security.id);

    await replyToMyReport({ viewer: people.reporter, reference, body: "The <b>red</b> one \u202Eexe" });
    const mine = await getMyReport({ viewer: people.reporter, reference });
    expect(mine.messages.map((m) => [m.kind, m.body])).toEqual([
      ["TO_REPORTER", "Which laptop was it?"],
      ["FROM_REPORTER", "The <b>red</b> one \u202Eexe"],
    ]);
    expect(JSON.stringify(mine)).not.toMatch(/internal: looks like phishing|acknowledgedBy|security/i);

    await triageReport({ viewer: people.security, reference, input: { action: "resolve", outcome: "Password reset, no access." } });
    expect((await getMyReport({ viewer: people.reporter, reference })).status).toBe("RESOLVED");
    await expect(triageReport({ viewer: people.security, reference, input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("dismisses with a reason, refuses writing on a closed report, and reopens", async () => {
    const { reference } = await createReport({ viewer: people.reporter, input: { category: "OTHER", description: "Spam mail" } });
    await triageReport({ viewer: people.security, reference, input: { action: "dismiss", reason: "Marketing mail, not security-related" } });
    let report = await getReportForTriage({ viewer: people.security, reference });
    expect(report).toMatchObject({ status: "CLOSED", dismissReason: "Marketing mail, not security-related" });
    expect(report.acknowledgedAt).not.toBeNull(); // dismissing is a first response too
    await expect(triageReport({ viewer: people.security, reference, input: { action: "message", body: "hi" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(replyToMyReport({ viewer: people.reporter, reference, body: "but wait" })).rejects.toMatchObject({ code: "CONFLICT" });
    await triageReport({ viewer: people.security, reference, input: { action: "reopen" } });
    report = await getReportForTriage({ viewer: people.security, reference });
    expect(report).toMatchObject({ status: "IN_REVIEW", closedAt: null });
    await expect(triageReport({ viewer: people.security, reference, input: { action: "reopen" } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("records every attachment download on the audit trail", async () => {
    const { reference, id } = reports.STANDARD;
    const { attachments } = await getReportForTriage({ viewer: people.security, reference });
    await getReportAttachment({ viewer: people.security, reference, attachmentId: attachments[0]!.id });
    const { db } = await import("@/lib/db");
    const last = await db.auditLog.findFirst({ where: { targetId: id, action: "report.attachment_download" }, orderBy: { seq: "desc" } });
    expect(last).toMatchObject({ actorId: people.security.id, targetVisibility: "STANDARD" });
    expect(last!.after).toMatchObject({ filename: "evidence.txt", sha256: attachments[0]!.sha256 });
  });

  it("answers bad triage input clearly", async () => {
    const { reference } = reports.STANDARD;
    await expect(triageReport({ viewer: people.security, reference, input: { action: "explode" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(triageReport({ viewer: people.security, reference, input: { action: "dismiss", reason: " " } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("Say why"),
    });
    await expect(triageReport({ viewer: people.admin, reference, input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(triageReport({ viewer: people.security, reference: "RPT-1999-0001", input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("hands out consecutive references per year", async () => {
    const a = await createReport({ viewer: people.reporter, input: { category: "OTHER", description: "a" } });
    const b = await createReport({ viewer: people.reporter, input: { category: "OTHER", description: "b" } });
    const n = (ref: string) => Number(ref.split("-")[2]);
    expect(a.reference).toMatch(/^RPT-\d{4}-\d{4,}$/);
    expect(n(b.reference)).toBe(n(a.reference) + 1);
  });
});
