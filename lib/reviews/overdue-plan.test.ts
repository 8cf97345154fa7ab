import { describe, expect, it } from "vitest";
import { planReviewOverdueDeliveries } from "@/lib/notifications/plan";

const review = { id: "rev1", periodStart: "2026-11-09T09:00:00.000Z", periodEnd: "2026-11-16T09:00:00.000Z", dueAt: "2026-11-18T09:00:00.000Z" };

describe("review.overdue deliveries", () => {
  it("goes to the security team by e-mail, Slack and the webhook, with a link to the review", () => {
    const drafts = planReviewOverdueDeliveries(review, { slack: true, email: true, webhook: true }, ["B@example.com", "a@example.com", "b@example.com"], "https://cs.example/");
    expect(drafts.map((d) => [d.channel, d.destination])).toEqual([
      ["SLACK", "slack:#incident-response"],
      ["WEBHOOK", "webhook"],
      ["EMAIL", "a@example.com"],
      ["EMAIL", "b@example.com"],
    ]);
    expect(drafts[0]!.body).toContain("https://cs.example/reviews/rev1");
    expect(drafts[1]!.payload).toMatchObject({ event: "review.overdue", id: "rev1", dueAt: review.dueAt });
  });

  it("sends nothing on channels that are off", () => {
    expect(planReviewOverdueDeliveries(review, { slack: false, email: false, webhook: false }, ["a@example.com"], "https://cs.example")).toEqual([]);
  });
});
