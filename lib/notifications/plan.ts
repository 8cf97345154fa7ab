// What to send, to whom, for each event: pure, so the rule that sealed content never leaves in
// a notification is tested directly. Sealed reports (SENSITIVE, COO_ONLY) are announced with a
// link only: no reference, category, description or reporter.
import type { ReportCategory, ReportUrgency, Visibility } from "@/lib/generated/prisma/enums";
import { CATEGORIES } from "@/lib/reports/catalog";

export type ReportFacts = { id: string; reference: string; category: ReportCategory; urgency: ReportUrgency; visibility: Visibility };

export type NotificationEvent =
  | { type: "report.created"; report: ReportFacts }
  | { type: "report.message_to_reporter"; report: ReportFacts; reporterEmail: string | null; reporterHasAccount: boolean };

export type Audience = { security: string[]; coo: string[] };
export type Channels = { slack: boolean; email: boolean; webhook: boolean };

export type DeliveryDraft = {
  channel: "SLACK" | "EMAIL" | "WEBHOOK";
  destination: string;
  subject?: string;
  body: string;
  payload?: Record<string, unknown>;
};

export const SLACK_DESTINATION = "slack:#incident-response";
export const WEBHOOK_DESTINATION = "webhook";

const isSealed = (v: Visibility) => v !== "STANDARD";

/** Who reads reports of a class: the Security Review Team and the COO, or the COO alone. */
export function triageAudience(visibility: Visibility, audience: Audience): string[] {
  const emails = visibility === "COO_ONLY" ? audience.coo : [...audience.security, ...audience.coo];
  return [...new Set(emails.map((e) => e.toLowerCase()))].sort();
}

export function planDeliveries(event: NotificationEvent, channels: Channels, audience: Audience, baseUrl: string): DeliveryDraft[] {
  const { report } = event;
  const sealed = isSealed(report.visibility);
  const base = baseUrl.replace(/\/$/, "");

  if (event.type === "report.message_to_reporter") {
    if (!channels.email || !event.reporterEmail) return [];
    const where = event.reporterHasAccount
      ? `Read and answer it here: ${base}/reports/${report.reference}`
      : "Read and answer it through the private link you received when you reported.";
    return [
      {
        channel: "EMAIL",
        destination: event.reporterEmail,
        subject: `[Countersign] New message about your report ${report.reference}`,
        body: `The security team wrote to you about your report ${report.reference}.\n\n${where}\n`,
      },
    ];
  }

  const link = `${base}/triage/${report.reference}`;
  const drafts: DeliveryDraft[] = [];
  const headline = sealed
    ? "A sensitive report was received."
    : `New report ${report.reference}: ${CATEGORIES[report.category]} (urgency: ${report.urgency.toLowerCase()})`;
  if (channels.slack) drafts.push({ channel: "SLACK", destination: SLACK_DESTINATION, body: `${headline} ${link}` });
  if (channels.webhook) {
    drafts.push({
      channel: "WEBHOOK",
      destination: WEBHOOK_DESTINATION,
      body: headline,
      payload: sealed
        ? { event: "report.created", sealed: true, url: link }
        : { event: "report.created", sealed: false, reference: report.reference, category: report.category, urgency: report.urgency, url: link },
    });
  }
  if (channels.email) {
    for (const to of triageAudience(report.visibility, audience)) {
      drafts.push({
        channel: "EMAIL",
        destination: to,
        subject: sealed ? "[Countersign] A sensitive report was received" : `[Countersign] New report ${report.reference}: ${CATEGORIES[report.category]}`,
        body: `${headline}\n\nOpen it in Countersign: ${link}\n`,
      });
    }
  }
  return drafts;
}

export type AlertFacts = { id: number; ruleId: string; severity: string; title: string; firstSeenAt: string };

/** A new alert at or above the configured severity: to the Security Review Team's channels. */
export function planAlertDeliveries(alert: AlertFacts, channels: Channels, audience: Audience, baseUrl: string): DeliveryDraft[] {
  const link = `${baseUrl.replace(/\/$/, "")}/alerts/${alert.id}`;
  const severity = alert.severity.charAt(0) + alert.severity.slice(1).toLowerCase();
  const headline = `[${severity}] ${alert.title} (${alert.ruleId})`;
  const drafts: DeliveryDraft[] = [];
  if (channels.slack) drafts.push({ channel: "SLACK", destination: SLACK_DESTINATION, body: `${headline} ${link}` });
  if (channels.webhook) {
    drafts.push({
      channel: "WEBHOOK",
      destination: WEBHOOK_DESTINATION,
      body: headline,
      payload: { event: "alert.raised", id: alert.id, ruleId: alert.ruleId, severity: alert.severity, title: alert.title, firstSeenAt: alert.firstSeenAt, url: link },
    });
  }
  if (channels.email) {
    for (const to of [...new Set(audience.security.map((e) => e.toLowerCase()))].sort()) {
      drafts.push({ channel: "EMAIL", destination: to, subject: `[Countersign] ${headline}`, body: `${headline}\nFirst seen: ${alert.firstSeenAt}\n\nOpen it in Countersign: ${link}\n` });
    }
  }
  return drafts;
}

export type MentionFacts = { reference: string; visibility: Visibility; caseTitle: string; authorName: string; body: string; to: string };

/**
 * `case.mention`: an e-mail to the person mentioned in a case comment, only to them. A sealed
 * case's message carries its reference and a link, never the comment's text or the case's title.
 */
export function planMentionDeliveries(mention: MentionFacts, channels: Channels, baseUrl: string): DeliveryDraft[] {
  if (!channels.email) return [];
  const link = `${baseUrl.replace(/\/$/, "")}/cases/${mention.reference}/activity`;
  const sealed = isSealed(mention.visibility);
  const excerpt = mention.body.length > 1000 ? `${mention.body.slice(0, 1000)}…` : mention.body;
  return [
    {
      channel: "EMAIL",
      destination: mention.to.toLowerCase(),
      subject: sealed ? `[Countersign] You were mentioned on ${mention.reference}` : `[Countersign] ${mention.authorName} mentioned you on ${mention.reference}: ${mention.caseTitle}`,
      body: sealed
        ? `${mention.authorName} mentioned you in a comment on case ${mention.reference}.\n\nRead it in Countersign: ${link}\n`
        : `${mention.authorName} mentioned you in a comment on case ${mention.reference} (${mention.caseTitle}):\n\n${excerpt}\n\nOpen it in Countersign: ${link}\n`,
    },
  ];
}

export type OverdueCaseFacts = { reference: string; title: string; severity: string; visibility: Visibility; dueAt: string };

/**
 * An open case passed its SLA due date: e-mail to its lead and members (or, with none, to the
 * security team), Slack and the webhook for the team. Sealed cases say no more than their
 * reference and a link outside e-mail to the people on them; a COO_ONLY case is told to the COO
 * alone, by e-mail only.
 */
export function planCaseOverdueDeliveries(c: OverdueCaseFacts, channels: Channels, people: { onCase: string[] }, audience: Audience, baseUrl: string): DeliveryDraft[] {
  const link = `${baseUrl.replace(/\/$/, "")}/cases/${encodeURIComponent(c.reference)}`;
  const sealed = isSealed(c.visibility);
  const severity = c.severity.charAt(0) + c.severity.slice(1).toLowerCase();
  const headline = sealed ? `Case ${c.reference} is overdue.` : `Case ${c.reference} is overdue: [${severity}] ${c.title}`;
  const drafts: DeliveryDraft[] = [];
  if (c.visibility !== "COO_ONLY") {
    if (channels.slack) drafts.push({ channel: "SLACK", destination: SLACK_DESTINATION, body: `${headline} ${link}` });
    if (channels.webhook) {
      drafts.push({
        channel: "WEBHOOK",
        destination: WEBHOOK_DESTINATION,
        body: headline,
        payload: sealed
          ? { event: "case.overdue", sealed: true, reference: c.reference, url: link }
          : { event: "case.overdue", sealed: false, reference: c.reference, title: c.title, severity: c.severity, dueAt: c.dueAt, url: link },
      });
    }
  }
  if (channels.email) {
    const onCase = c.visibility === "COO_ONLY" ? people.onCase.filter((e) => audience.coo.map((x) => x.toLowerCase()).includes(e.toLowerCase())) : people.onCase;
    const fallback = c.visibility === "COO_ONLY" ? audience.coo : audience.security;
    const to = [...new Set((onCase.length ? onCase : fallback).map((e) => e.toLowerCase()))].sort();
    for (const address of to) {
      drafts.push({ channel: "EMAIL", destination: address, subject: `[Countersign] Case ${c.reference} is overdue`, body: `${headline}\nIt was due ${c.dueAt}.\n\nOpen it in Countersign: ${link}\n` });
    }
  }
  return drafts;
}

export type OverdueReviewFacts = { id: string; periodStart: string; periodEnd: string; dueAt: string };

/** An open log review passed its due time: the Security Review Team by e-mail, Slack and the webhook. */
export function planReviewOverdueDeliveries(r: OverdueReviewFacts, channels: Channels, team: string[], baseUrl: string): DeliveryDraft[] {
  const link = `${baseUrl.replace(/\/$/, "")}/reviews/${encodeURIComponent(r.id)}`;
  const headline = `The log review of ${r.periodStart} to ${r.periodEnd} is overdue (due ${r.dueAt}).`;
  const drafts: DeliveryDraft[] = [];
  if (channels.slack) drafts.push({ channel: "SLACK", destination: SLACK_DESTINATION, body: `${headline} ${link}` });
  if (channels.webhook) drafts.push({ channel: "WEBHOOK", destination: WEBHOOK_DESTINATION, body: headline, payload: { event: "review.overdue", ...r, url: link } });
  if (channels.email) {
    for (const address of [...new Set(team.map((e) => e.toLowerCase()))].sort()) {
      drafts.push({ channel: "EMAIL", destination: address, subject: "[Countersign] The log review is overdue", body: `${headline}\n\nOpen it in Countersign: ${link}\n` });
    }
  }
  return drafts;
}
