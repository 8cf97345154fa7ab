// Notifications through the real queue (pg-boss on the test database) to local Slack, webhook
// and SMTP receivers: the exact audience per class, and no sealed content in any of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { systemViewer, type UserViewer } from "@/lib/auth/viewer";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { signWebhook } from "@/lib/notifications/senders";
import { updateNotificationSettings } from "@/lib/notifications/settings";
import { listDeliveries } from "@/lib/notifications/test-and-list";
import { createReport } from "@/lib/reports/create-report";
import { triageReport } from "@/lib/reports/triage";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeUser } from "../support/db-helpers";
import { startHttpReceiver, startSmtpServer } from "../support/receivers";

let http: Awaited<ReturnType<typeof startHttpReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const people = {} as Record<"reporter" | "security" | "coo" | "admin", UserViewer>;
const asViewer = (u: { id: string; email: string; name: string; roles: Role[] }): UserViewer => ({ kind: "user", ...u });

beforeAll(async () => {
  http = await startHttpReceiver();
  smtp = await startSmtpServer();
  people.reporter = asViewer(await makeUser());
  people.security = asViewer(await makeUser(["SECURITY"]));
  people.coo = asViewer(await makeUser(["COO"]));
  people.admin = asViewer(await makeUser(["ADMIN"]));
  await updateNotificationSettings({
    viewer: systemViewer(),
    input: {
      slackEnabled: true,
      slackWebhookUrl: `${http.url}/slack`,
      emailEnabled: true,
      smtpHost: smtp.host,
      smtpPort: smtp.port,
      emailFrom: "Countersign <cs@example.com>",
      webhookEnabled: true,
      webhookUrl: `${http.url}/hook`,
      webhookSecret: "webhook-shared-secret",
    },
  });
  await startWorkers();
});

afterAll(async () => {
  await stopBoss();
  await http?.close();
  await smtp?.close();
});

async function settled(reportId: string, expected: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await db.notificationDelivery.findMany({ where: { reportId } });
    if (rows.length >= expected && rows.every((r) => r.status !== "PENDING")) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries not settled: ${JSON.stringify(rows.map((r) => [r.channel, r.status, r.lastError]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until no Slack message is on its way (an earlier test's would take the failures armed next). */
async function quiet() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pending = await db.notificationDelivery.count({ where: { status: "PENDING", channel: "SLACK" } });
    const [jobs] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'notification_plan' AND state IN ('created', 'retry', 'active')`;
    if (pending === 0 && Number(jobs!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`notifications still on their way: ${pending} deliveries, ${jobs!.n} jobs`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const triagers = async (roles: Role[]) =>
  (await db.user.findMany({ where: { disabledAt: null, roles: { hasSome: roles } }, select: { email: true } })).map((u) => u.email).sort();

describe("notifications", () => {
  it("announce a standard report on Slack, by webhook and by email to the Security Review Team and the COO", async () => {
    const report = await createReport({ viewer: people.reporter, input: { category: "THEFT", description: "Laptop stolen from car", urgency: "HIGH" } });
    const expectedEmails = await triagers(["SECURITY", "COO"]);
    const rows = await settled(report.id, 2 + expectedEmails.length);
    expect(rows.every((r) => r.status === "SENT")).toBe(true);

    const slack = http.received.find((r) => r.path === "/slack" && r.body.includes(report.reference))!;
    expect(JSON.parse(slack.body).text).toMatch(new RegExp(`New report ${report.reference}: Theft \\(urgency: high\\) http://.+/triage/${report.reference}`));

    const hook = http.received.find((r) => r.path === "/hook" && r.body.includes(report.reference))!;
    const signature = signWebhook("webhook-shared-secret", String(hook.headers["x-countersign-timestamp"]), hook.body);
    expect(hook.headers["x-countersign-signature"]).toBe(`sha256=${signature}`);
    expect(JSON.parse(hook.body)).toMatchObject({ event: "report.created", reference: report.reference, category: "THEFT", sealed: false });

    const mails = smtp.mails.filter((m) => m.subject.includes(report.reference));
    expect(mails.flatMap((m) => m.to).sort()).toEqual(expectedEmails);
    expect(mails.flatMap((m) => m.to)).not.toContain(people.admin.email);
    expect(mails.flatMap((m) => m.to)).not.toContain(people.reporter.email);
  });

  it("announce a Code of Conduct report to the COO alone, without any of its content", async () => {
    const secret = `Harassment by ${people.reporter.name} in room 4B`;
    const report = await createReport({ viewer: people.reporter, input: { category: "CODE_OF_CONDUCT", description: secret } });
    const cooEmails = await triagers(["COO"]);
    const rows = await settled(report.id, 2 + cooEmails.length);
    const sent = rows.map((r) => `${r.subject ?? ""} ${r.body} ${JSON.stringify(r.payload)}`).join("\n");
    const wire = [...http.received.map((r) => r.body), ...smtp.mails.map((m) => `${m.subject}\n${m.text}\n${m.raw}`)].join("\n");
    // The link (which names the reference) is all it carries.
    for (const leak of [secret, "room 4B", "Code of Conduct", "CODE_OF_CONDUCT", people.reporter.email, people.reporter.name]) {
      expect(sent).not.toContain(leak);
      expect(wire).not.toContain(leak);
    }
    const mailsForIt = smtp.mails.filter((m) => m.text.includes(`/triage/${report.reference}`));
    expect(mailsForIt.flatMap((m) => m.to).sort()).toEqual(cooEmails);
    expect(mailsForIt.flatMap((m) => m.to)).not.toContain(people.security.email);
    expect(mailsForIt.every((m) => m.subject === "[Countersign] A sensitive report was received")).toBe(true);

    // The delivery list of the settings page: an admin who may not see the report does not learn
    // who was told about it; an admin who is also the COO does.
    const forAdmin = (await listDeliveries({ viewer: people.admin })).filter((d) => rows.some((r) => r.id === d.id));
    expect(forAdmin).toHaveLength(rows.length);
    expect(forAdmin.every((d) => d.destination === "(sealed report)" && d.event === "report notification")).toBe(true);
    const cooAdmin = asViewer({ ...people.admin, roles: ["EMPLOYEE", "ADMIN", "COO"] });
    const forCooAdmin = (await listDeliveries({ viewer: cooAdmin })).filter((d) => rows.some((r) => r.id === d.id));
    expect(forCooAdmin.map((d) => d.destination).sort()).toEqual(rows.map((r) => r.destination).sort());
  });

  it("tell the reporter by email that the team wrote, without the message", async () => {
    const report = await createReport({ viewer: people.reporter, input: { category: "OTHER", description: "A question", visibility: "SENSITIVE" } });
    await settled(report.id, 1);
    await triageReport({ viewer: people.security, reference: report.reference, input: { action: "message", body: "Was it the blue badge?" } });
    const deadline = Date.now() + 30_000;
    while (!smtp.mails.some((m) => m.to.includes(people.reporter.email) && m.subject.includes(report.reference)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const mail = smtp.mails.find((m) => m.to.includes(people.reporter.email) && m.subject.includes(report.reference))!;
    expect(mail.subject).toBe(`[Countersign] New message about your report ${report.reference}`);
    expect(mail.text).toContain(`/reports/${report.reference}`);
    expect(mail.text).not.toContain("blue badge");
  });

  it("retry a failing destination with backoff and record each attempt", async () => {
    await quiet();
    http.failNext("/slack", 2);
    const report = await createReport({ viewer: people.reporter, input: { category: "OTHER", description: "Retry me" } });
    const rows = await settled(report.id, 3);
    const slack = rows.find((r) => r.channel === "SLACK")!;
    expect(slack).toMatchObject({ status: "SENT", attempts: 3, lastError: null });
  });
});
