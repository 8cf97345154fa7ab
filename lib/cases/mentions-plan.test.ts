// The `case.mention` notification (lib/notifications/plan.ts): an e-mail to the person alone;
// a sealed case's message never carries the comment or the case title.
import { describe, expect, it } from "vitest";
import { planMentionDeliveries } from "@/lib/notifications/plan";

const channels = { slack: true, email: true, webhook: true };
const mention = { reference: "CASE-2026-0007", caseTitle: "Stolen laptop", authorName: "Alice", body: "@bob the key was kAbcCNTRL", to: "Bob@Example.com" };

describe("planMentionDeliveries", () => {
  it("e-mails only the person mentioned, with the text of a standard case", () => {
    const drafts = planMentionDeliveries({ ...mention, visibility: "STANDARD" }, channels, "https://cs.example.ts.net/");
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ channel: "EMAIL", destination: "bob@example.com" });
    expect(drafts[0]!.body).toContain("@bob the key was kAbcCNTRL");
    expect(drafts[0]!.body).toContain("https://cs.example.ts.net/cases/CASE-2026-0007/activity");
  });
  it("leaves out the comment and the title of a sealed case", () => {
    for (const visibility of ["SENSITIVE", "COO_ONLY"] as const) {
      const [draft] = planMentionDeliveries({ ...mention, visibility }, channels, "https://cs.example.ts.net");
      expect(`${draft!.subject} ${draft!.body}`).not.toMatch(/kAbcCNTRL|Stolen laptop/);
      expect(draft!.body).toContain("CASE-2026-0007");
    }
  });
  it("sends nothing when e-mail is off", () => {
    expect(planMentionDeliveries({ ...mention, visibility: "STANDARD" }, { ...channels, email: false }, "http://x")).toEqual([]);
  });
});
