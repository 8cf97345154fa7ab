import { describe, expect, it } from "vitest";
import { planAlertDeliveries, planDeliveries, triageAudience, type NotificationEvent } from "./plan";

const audience = { security: ["sec@example.com", "Lead@example.com"], coo: ["coo@example.com", "lead@example.com"] };
const all = { slack: true, email: true, webhook: true };
const report = (visibility: "STANDARD" | "SENSITIVE" | "COO_ONLY") =>
  ({ id: "r1", reference: "RPT-2026-0042", category: visibility === "COO_ONLY" ? "CODE_OF_CONDUCT" : "THEFT", urgency: "HIGH", visibility }) as const;
const created = (visibility: "STANDARD" | "SENSITIVE" | "COO_ONLY"): NotificationEvent => ({ type: "report.created", report: report(visibility) });

describe("notification plans", () => {
  it("announces a standard report everywhere with its category and link", () => {
    const drafts = planDeliveries(created("STANDARD"), all, audience, "https://cs.example.com/");
    expect(drafts.map((d) => `${d.channel} ${d.destination}`)).toEqual([
      "SLACK slack:#incident-response",
      "WEBHOOK webhook",
      "EMAIL coo@example.com",
      "EMAIL lead@example.com",
      "EMAIL sec@example.com",
    ]);
    expect(drafts[0]!.body).toBe("New report RPT-2026-0042: Theft (urgency: high) https://cs.example.com/triage/RPT-2026-0042");
    expect(drafts[1]!.payload).toMatchObject({ reference: "RPT-2026-0042", category: "THEFT", sealed: false });
  });

  it.each(["SENSITIVE", "COO_ONLY"] as const)("says only that a %s report arrived, with the link", (visibility) => {
    const drafts = planDeliveries(created(visibility), all, audience, "https://cs.example.com");
    for (const d of drafts) {
      const text = `${d.subject ?? ""} ${d.body} ${JSON.stringify(d.payload ?? {})}`;
      expect(text).not.toMatch(/Theft|THEFT|Code of Conduct|CODE_OF_CONDUCT|urgency|HIGH/i);
      expect(d.body).toContain("A sensitive report was received.");
    }
  });

  it("sends COO-only reports to the COO alone", () => {
    const emails = planDeliveries(created("COO_ONLY"), all, audience, "https://x").filter((d) => d.channel === "EMAIL").map((d) => d.destination);
    expect(emails).toEqual(["coo@example.com", "lead@example.com"]);
    expect(triageAudience("SENSITIVE", audience)).toEqual(["coo@example.com", "lead@example.com", "sec@example.com"]);
  });

  it("tells the reporter there is a message, without its content, by email only", () => {
    const event: NotificationEvent = { type: "report.message_to_reporter", report: report("SENSITIVE"), reporterEmail: "ann@example.com", reporterHasAccount: true };
    const [draft, ...rest] = planDeliveries(event, all, audience, "https://cs.example.com");
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({ channel: "EMAIL", destination: "ann@example.com" });
    expect(draft!.body).toContain("https://cs.example.com/reports/RPT-2026-0042");
    expect(planDeliveries({ ...event, reporterEmail: null }, all, audience, "x")).toEqual([]);
    expect(planDeliveries({ ...event, reporterHasAccount: false }, all, audience, "x")[0]!.body).toContain("private link");
  });

  it("plans nothing for channels that are off", () => {
    expect(planDeliveries(created("STANDARD"), { slack: false, email: false, webhook: false }, audience, "x")).toEqual([]);
  });
});

describe("alert notifications", () => {
  const alert = { id: 42, ruleId: "Tailscale.Audit.FlowLoggingDisabled", severity: "CRITICAL", title: "Network flow logging disabled by mallory@example.com", firstSeenAt: "2026-11-21T10:00:00.000Z" };
  const audience = { security: ["Sec@example.com", "sec@example.com", "b@example.com"], coo: ["coo@example.com"] };

  it("go to Slack, the webhook and the security team's e-mail (not the COO's), with a link to the alert", () => {
    const drafts = planAlertDeliveries(alert, { slack: true, email: true, webhook: true }, audience, "https://cs.example.com/");
    expect(drafts.map((d) => `${d.channel} ${d.destination}`)).toEqual(["SLACK slack:#incident-response", "WEBHOOK webhook", "EMAIL b@example.com", "EMAIL sec@example.com"]);
    expect(drafts[0]!.body).toBe("[Critical] Network flow logging disabled by mallory@example.com (Tailscale.Audit.FlowLoggingDisabled) https://cs.example.com/alerts/42");
    expect(drafts[1]!.payload).toMatchObject({ event: "alert.raised", id: 42, severity: "CRITICAL", url: "https://cs.example.com/alerts/42" });
  });

  it("send nothing through channels that are off", () => {
    expect(planAlertDeliveries(alert, { slack: false, email: false, webhook: false }, audience, "http://x")).toEqual([]);
  });
});
