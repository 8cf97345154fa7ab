// A whole incident in the browser, as the issue asks: a Tailscale audit record streamed to the
// HEC endpoint raises an alert; the alert becomes a case; the case moves through the workflow to
// a confirmed incident that refuses to close until its impact and disclosure decision are
// recorded, then closes. A COO_ONLY case is invisible to a SECURITY user, and the COO approves
// its disclosure on the review page.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";
import { createIngestToken, post } from "../support/hec-client";
import { auditRecord } from "../support/tailscale-records";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
const { db } = await import("@/lib/db");
const { makeUser } = await import("../support/db-helpers");

const tag = randomBytes(4).toString("hex");
const PASSWORD = "cases flow passphrase";
const POLL = { timeout: 20_000 };
let browser: Browser;
let security: Awaited<ReturnType<typeof makeUser>>;
let coo: Awaited<ReturnType<typeof makeUser>>;
let caseUrl = "";

beforeAll(async () => {
  browser = await launchBrowser();
  security = await makeUser(["SECURITY"], PASSWORD, { ready: true });
  coo = await makeUser(["COO"], PASSWORD, { ready: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks a workflow button on the overview and waits for the header to show the new status. */
async function move(page: Page, button: string, label: string) {
  await page.getByRole("group", { name: "Move the case" }).getByRole("button", { name: button }).click();
  await expect.poll(() => page.getByTestId("case-status").first().textContent(), POLL).toBe(label);
}

describe("an incident from first alert to closed case", () => {
  it("a streamed audit record raises an alert that opens a case", async () => {
    const group = randomBytes(16).toString("hex");
    const tailnet = `t${tag}.example.com`;
    const record = auditRecord({ eventGroupID: group, target: { id: tailnet, name: tailnet, type: "TAILNET", property: "MAGIC_DNS" } });
    const response = await post(base, JSON.stringify(record), { authorization: `Bearer ${createIngestToken(databaseUrl)}` });
    expect(response.status).toBe(200);
    let alertId: number | null = null;
    await expect
      .poll(async () => {
        const rows = await db.$queryRaw<{ id: number }[]>`
          SELECT a.id FROM audit_events ae JOIN alert_events e ON e.event_key = 'audit:' || ae.id JOIN alerts a ON a.id = e.alert_id
          WHERE ae.event_group_id = ${group}`;
        alertId = rows[0]?.id ?? null;
        return alertId;
      }, POLL)
      .not.toBeNull();

    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(`${base}/alerts/${alertId}`);
    await page.getByRole("link", { name: "Open a case" }).or(page.getByRole("button", { name: "Open a case" })).first().click();
    await page.waitForURL(/\/cases\/new\?/);
    expect(await page.getByLabel("Title").inputValue()).toMatch(/MagicDNS/i);
    await page.getByLabel("Title").fill(`MagicDNS turned off on ${tailnet}`);
    await page.getByRole("button", { name: "Open the case" }).click();
    await page.waitForURL(/\/cases\/CASE-\d{4}-\d{4,}$/);
    caseUrl = page.url();
    await expect.poll(() => page.getByTestId("case-alerts").getByRole("listitem").count(), POLL).toBe(1);
    expect((await db.alert.findUniqueOrThrow({ where: { id: alertId! } })).status).toBe("LINKED");
    await page.context().close();
  });

  it("moves through the workflow; a confirmed incident refuses to close until impact and disclosure are recorded, then closes", async () => {
    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(caseUrl);
    await move(page, "Move to triage", "Triage");
    await move(page, "Move to investigating", "Investigating");
    await move(page, "Move to contained", "Contained");
    await move(page, "Move to remediated", "Remediated");
    await page.getByRole("button", { name: "Resolve…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Outcome").selectOption("CONFIRMED_INCIDENT");
    await dialog.getByLabel("Resolution note").fill("An admin's session was used to turn MagicDNS off; session revoked, setting restored.");
    await dialog.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => page.getByTestId("case-status").first().textContent(), POLL).toBe("Resolved");

    // Closing now is refused, with the reasons.
    await page.getByRole("group", { name: "Move the case" }).getByRole("button", { name: "Move to closed" }).click();
    await expect.poll(() => page.getByText("A confirmed incident needs its impact determined before it closes.").isVisible(), POLL).toBe(true);
    expect(await page.getByText("A confirmed incident needs its disclosure decision recorded before it closes.").isVisible()).toBe(true);
    expect(await page.getByTestId("case-status").first().textContent()).toBe("Resolved");

    await page.goto(`${caseUrl}/impact`);
    await page.getByLabel("Confidentiality").selectOption("NONE");
    await page.getByLabel("Integrity").selectOption("LOW");
    await page.getByLabel("Availability").selectOption("LOW");
    await page.getByLabel("Affected systems").fill("MagicDNS");
    await page.getByLabel("Summary").fill("Name resolution inside the tailnet failed for 20 minutes; no data was read.");
    await page.getByRole("button", { name: "Record the impact" }).click();
    await expect.poll(() => page.getByText(/Impact recorded/).isVisible(), POLL).toBe(true);

    await page.goto(`${caseUrl}/disclosure`);
    await page.getByLabel("Do not disclose").check();
    await page.getByLabel("Rationale").fill("No customer data or service was affected; nothing to disclose under the policy.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => page.getByText(/Decision recorded/).isVisible(), POLL).toBe(true);

    await page.goto(caseUrl);
    await move(page, "Move to closed", "Closed");
    await page.screenshot({ path: screenshotPath("case-flow-closed"), fullPage: true });
    const closed = await db.case.findFirstOrThrow({ where: { reference: decodeURIComponent(caseUrl.split("/").pop()!) } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.outcome).toBe("CONFIRMED_INCIDENT");
    for (const stamp of [closed.acknowledgedAt, closed.triagedAt, closed.investigatingAt, closed.containedAt, closed.remediatedAt, closed.resolvedAt, closed.closedAt]) expect(stamp).not.toBeNull();
    await page.context().close();
  });

  it("a COO_ONLY case is invisible to SECURITY, and the COO approves its disclosure", async () => {
    const cooPage = await signedInPage(browser, base, { email: coo.email, password: PASSWORD });
    await cooPage.goto(`${base}/cases/new`);
    await cooPage.getByLabel("Title").fill(`Conduct complaint about an executive ${tag}`);
    await cooPage.getByLabel("Severity").selectOption("HIGH");
    await cooPage.getByLabel(/^Visibility/).selectOption("COO_ONLY");
    await cooPage.getByRole("button", { name: "Open the case" }).click();
    await cooPage.waitForURL(/\/cases\/CASE-\d{4}-\d{4,}$/);
    const sealedUrl = cooPage.url();
    const reference = decodeURIComponent(sealedUrl.split("/").pop()!);

    const secPage = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await secPage.goto(`${base}/cases?status=all&q=${tag}`);
    await secPage.getByRole("heading", { name: "Cases", level: 1 }).waitFor();
    expect(await secPage.content()).not.toContain(reference);
    expect(await secPage.content()).not.toContain("Conduct complaint");
    for (const path of ["", "/timeline", "/tasks", "/evidence", "/disclosure", "/activity"]) await expectNotFoundPage(secPage, `${sealedUrl}${path}`);
    const api = await secPage.request.get(`${base}/api/v1/cases/${reference}`);
    expect(api.status()).toBe(404);
    await secPage.context().close();

    // The COO decides to disclose to customers; a sealed case's decision waits for the COO's
    // approval, given on the review page.
    await cooPage.goto(`${sealedUrl}/disclosure`);
    await cooPage.getByLabel("Disclose", { exact: true }).check();
    await cooPage.getByLabel("Rationale").fill("Customers' support tickets were read by the executive.");
    await cooPage.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => cooPage.getByText(/Decision recorded/).isVisible(), POLL).toBe(true);
    await cooPage.goto(`${base}/review`);
    const decision = cooPage.getByTestId("review-decision").filter({ hasText: reference });
    await decision.getByRole("button", { name: "Approve the decision" }).click();
    await expect.poll(async () => (await db.case.findUniqueOrThrow({ where: { reference } })).approvedById, POLL).toBe(coo.id);
    await cooPage.context().close();
  });
});
