// Impact, disclosure and the COO's review in Chromium against the running app: on a confirmed
// SENSITIVE incident SECURITY records the impact and a decision to disclose, adds a 72-hour
// obligation for customers; the COO approves the obligation and the decision on /review; SECURITY
// marks it sent and downloads the case report as Markdown and PDF. A COO_ONLY case's export and
// /review are 404 for SECURITY. Screenshots (desktop, and 390 px dark) land in test-results/screenshots.
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { db } = await import("@/lib/db");
const { createCase } = await import("@/lib/cases/create-case");
const { changeCaseStatus } = await import("@/lib/cases/change-case-status");
const { makeUser } = await import("../support/db-helpers");

const POLL = { timeout: 20_000, interval: 250 };
const NARROW_DARK = { viewport: { width: 390, height: 844 }, colorScheme: "dark" as const };
const run = randomBytes(4).toString("hex");
let browser: Browser;
let security: Awaited<ReturnType<typeof makeUser>>;
let coo: Awaited<ReturnType<typeof makeUser>>;
let secPage: Page;
let cooPage: Page;
let reference: string;
let cooOnly: string;

const asViewer = (u: typeof security) => ({ kind: "user" as const, id: u.id, email: u.email, name: u.name, roles: u.roles });

async function shoot(page: Page, path: string, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  const dark = await (await browser.newContext({ ...NARROW_DARK, storageState: await page.context().storageState() })).newPage();
  await dark.goto(`${base}${path}`);
  await dark.getByRole("heading").first().waitFor();
  expect(await dark.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name}: no horizontal scroll at 390 px`).toBe(true);
  await dark.screenshot({ path: screenshotPath(`${name}-phone-dark`), fullPage: true });
  await dark.context().close();
}

beforeAll(async () => {
  security = await makeUser(["SECURITY"], "security disclosure passphrase", { ready: true });
  coo = await makeUser(["COO"], "coo disclosure passphrase", { ready: true });
  const sv = asViewer(security);
  ({ reference } = await createCase({ viewer: sv, input: { title: `Customer notes read through a stolen key ${run}`, severity: "HIGH", visibility: "SENSITIVE" } }));
  const c = await db.case.findUniqueOrThrow({ where: { reference } });
  await db.caseObservable.create({ data: { caseId: c.id, type: "DEVICE_NAME", value: `laptop-${run}`, source: "manual" } });
  let version = c.version;
  for (const status of ["TRIAGE", "INVESTIGATING", "CONTAINED", "REMEDIATED"]) version = (await changeCaseStatus({ viewer: sv, reference, input: { version, status } })).version;
  await changeCaseStatus({ viewer: sv, reference, input: { version, status: "RESOLVED", outcome: "CONFIRMED_INCIDENT" } });
  ({ reference: cooOnly } = await createCase({ viewer: asViewer(coo), input: { title: `Conduct matter ${run}`, severity: "MEDIUM", visibility: "COO_ONLY" } }));
  browser = await launchBrowser();
  secPage = await signedInPage(browser, base, security);
  cooPage = await signedInPage(browser, base, coo);
});
afterAll(async () => browser?.close());

describe("impact, disclosure and the COO's review", () => {
  it("SECURITY records the impact, with the case's devices suggested", async () => {
    const path = `/cases/${reference}/impact`;
    await secPage.goto(`${base}${path}`);
    await secPage.getByLabel("Confidentiality").selectOption("HIGH");
    await secPage.getByLabel("Availability").selectOption("LOW");
    await secPage.getByLabel("Affected systems").fill("crm\nsso");
    await secPage.getByLabel(`laptop-${run}`).check();
    await secPage.getByLabel("Data types").fill("customer notes");
    await secPage.getByLabel("Customers affected").fill("many");
    await secPage.getByLabel("Summary").fill("Notes of 12 customers were read.");
    await secPage.getByRole("button", { name: "Record the impact" }).click();
    await expect.poll(() => secPage.getByText("customersAffected is a number.").isVisible(), POLL).toBe(true);
    await secPage.getByLabel("Customers affected").fill("12");
    await secPage.getByRole("button", { name: "Record the impact" }).click();
    await expect.poll(() => secPage.getByText(/Impact recorded/).isVisible(), POLL).toBe(true);
    await expect.poll(() => secPage.getByTestId("impact-determined").innerText(), POLL).toContain(security.name);
    const c = await db.case.findUniqueOrThrow({ where: { reference } });
    expect([c.confidentiality, c.availability, c.customersAffected, c.affectedDevices]).toEqual(["HIGH", "LOW", 12, [`laptop-${run}`]]);
    await shoot(secPage, path, "case-impact");
  });

  it("SECURITY decides to disclose and adds a 72-hour obligation for customers; only the COO may approve", async () => {
    const path = `/cases/${reference}/disclosure`;
    await secPage.goto(`${base}${path}`);
    await secPage.getByLabel("Disclose", { exact: true }).check();
    await secPage.getByLabel("Rationale").fill("Customer notes were read: customers must hear it from us.");
    await secPage.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => secPage.getByText("Decision recorded; it waits for the COO's approval.").isVisible(), POLL).toBe(true);
    await expect.poll(() => secPage.getByText("Waiting for the COO").isVisible(), POLL).toBe(true);

    await secPage.getByLabel("Audience", { exact: true }).selectOption("CUSTOMERS");
    await secPage.getByLabel("Deadline", { exact: true }).selectOption("HOURS_72");
    await secPage.getByLabel("Text of the notice (may be written later)").fill("Dear customer, on 21 November we found that notes were read.");
    await secPage.getByRole("button", { name: "Add the obligation" }).click();
    const ob = secPage.getByTestId("obligation");
    await expect.poll(() => ob.count(), POLL).toBe(1);
    await expect.poll(() => ob.getByTestId("countdown").innerText(), POLL).toMatch(/^in 2 d 2\d h$/);
    expect(await ob.getByTestId("obligation-status").innerText()).toBe("Draft");
    expect(await ob.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await shoot(secPage, path, "case-disclosure");
  });

  it("the COO approves the obligation and the decision on /review", async () => {
    await cooPage.goto(`${base}/review`);
    await cooPage.getByRole("heading", { name: "COO review" }).waitFor();
    const decision = cooPage.getByTestId("review-decision").filter({ hasText: reference });
    await expect.poll(() => decision.getByText("Customer notes were read: customers must hear it from us.").isVisible(), POLL).toBe(true);
    expect(await cooPage.getByTestId("review-sealed").filter({ hasText: cooOnly }).count()).toBe(1);
    await shoot(cooPage, "/review", "coo-review");

    const obligation = cooPage.getByTestId("review-obligation").filter({ hasText: reference });
    // Each approved item leaves the queue; the deadline stays, now approved.
    await obligation.getByRole("button", { name: "Approve the obligation" }).click();
    await expect.poll(() => obligation.count(), POLL).toBe(0);
    await decision.getByRole("button", { name: "Approve the decision" }).click();
    await expect.poll(() => decision.count(), POLL).toBe(0);
    await expect.poll(() => cooPage.getByTestId("review-deadline").filter({ hasText: reference }).getByTestId("obligation-status").innerText(), POLL).toBe("Approved");
    const c = await db.case.findUniqueOrThrow({ where: { reference }, include: { obligations: true } });
    expect([c.approvedById, c.obligations.map((o) => [o.status, o.approvedById])]).toEqual([coo.id, [["APPROVED", coo.id]]]);
  });

  it("SECURITY marks it sent and downloads the case report as Markdown and PDF", async () => {
    await secPage.goto(`${base}/cases/${reference}/disclosure`);
    const ob = secPage.getByTestId("obligation");
    await ob.getByRole("button", { name: "Mark as sent" }).click();
    await expect.poll(() => ob.getByTestId("obligation-status").innerText(), POLL).toBe("Sent");

    const [md] = await Promise.all([secPage.waitForEvent("download"), secPage.getByTestId("export-md").click()]);
    expect(md.suggestedFilename()).toBe(`${reference}.md`);
    const text = await readFile((await md.path())!, "utf8");
    expect(text).toContain(`# ${reference}: Customer notes read through a stolen key ${run}`);
    expect(text).toContain("## Timeline");
    expect(text).toContain("Disclosure to customers sent");
    expect(text).toContain("- **Confidentiality:** High");
    const [pdf] = await Promise.all([secPage.waitForEvent("download"), secPage.getByTestId("export-pdf").click()]);
    expect(pdf.suggestedFilename()).toBe(`${reference}.pdf`);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const caseId = (await db.case.findUniqueOrThrow({ where: { reference } })).id;
    expect((await db.auditLog.findMany({ where: { targetId: caseId, action: "case.export" } })).map((r) => [r.actorId, (r.after as { format: string }).format])).toEqual([
      [security.id, "md"],
      [security.id, "pdf"],
    ]);
  });

  it("SECURITY gets 404 for a COO_ONLY case's export, its tabs and /review; the COO exports it", async () => {
    for (const format of ["md", "pdf"]) {
      const response = await secPage.request.get(`${base}/api/v1/cases/${cooOnly}/export?format=${format}`);
      expect(response.status()).toBe(404);
      expect(await response.text()).not.toContain("Conduct matter");
    }
    expect((await secPage.request.get(`${base}/api/v1/cases/${reference}/export?format=docx`)).status()).toBe(422);
    await expectNotFoundPage(secPage, `${base}/review`);
    await expectNotFoundPage(secPage, `${base}/cases/${cooOnly}/disclosure`);
    await expectNotFoundPage(secPage, `${base}/cases/${cooOnly}/impact`);
    const ok = await cooPage.request.get(`${base}/api/v1/cases/${cooOnly}/export?format=pdf`);
    expect(ok.status()).toBe(200);
    expect(ok.headers()["content-disposition"]).toBe(`attachment; filename="${cooOnly}.pdf"`);
  });
});
