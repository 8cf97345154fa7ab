// The case pages in Chromium against the running app: two alerts selected in the queue become a
// case through the pre-filled form, the case moves NEW → TRIAGE → INVESTIGATING in the overview,
// a stale second edit gets the conflict message and keeps what was typed, a timeline note with
// its zone lands in time order; a report is added to an existing case from the triage page and
// its reporter still sees only their own view; a COO_ONLY case is absent from a SECURITY user's
// list and a 404 on its page. Screenshots (desktop, and 390 px dark) of list, overview, timeline.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { db } = await import("@/lib/db");
const { asUserViewer } = await import("@/lib/auth/viewer");
const { createCase } = await import("@/lib/cases/create-case");
const { createReport } = await import("@/lib/reports/create-report");
const { getMyReport } = await import("@/lib/reports/reporter-view");
const { makeAlert: makeTestAlert, makeUser } = await import("../support/db-helpers");

const tag = randomBytes(4).toString("hex");
const PASSWORD = "cases pages passphrase";
let browser: Browser;
let security: Awaited<ReturnType<typeof makeUser>>;
let coo: Awaited<ReturnType<typeof makeUser>>;
let employee: Awaited<ReturnType<typeof makeUser>>;
let caseUrl = "";
let caseRef = "";

let n = 0;
async function makeAlert(minutesAgo: number, severity: "HIGH" | "MEDIUM") {
  n++;
  return makeTestAlert({ minutesAgo, severity, title: `HTTPS disabled ${tag} #${n}` });
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** The same page on a phone in dark mode, signed in as the same person. */
async function shootPhoneDark(page: Page, name: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark", storageState: await page.context().storageState() });
  const phone = await context.newPage();
  await phone.goto(page.url());
  await phone.getByRole("heading", { level: 1 }).first().waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await shoot(phone, name);
  await context.close();
}

beforeAll(async () => {
  browser = await launchBrowser();
  security = await makeUser(["SECURITY"], PASSWORD, { ready: true });
  coo = await makeUser(["COO"], PASSWORD, { ready: true });
  employee = await makeUser([], PASSWORD, { ready: true });
});
afterAll(async () => {
  await browser?.close();
});

describe("working a case in the browser", () => {
  it("opens a case from two alerts in the queue with the form pre-filled, and links both", async () => {
    const a = await makeAlert(90, "MEDIUM");
    const b = await makeAlert(30, "HIGH");
    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(`${base}/alerts?q=${tag}`);
    await page.getByLabel(`Select alert ${a.id}`).check();
    await page.getByLabel(`Select alert ${b.id}`).check();
    await page.getByRole("button", { name: "Open a case" }).click();
    await page.waitForURL(/\/cases\/new\?alerts=/);
    expect(await page.getByLabel("Title").inputValue()).toBe(`${a.title} (+1 more)`);
    expect(await page.getByLabel("Severity").inputValue()).toBe("HIGH");
    expect(await page.getByTestId("draft-alerts").getByRole("listitem").count()).toBe(2);
    await page.getByLabel("Template (optional)").selectOption("unauthorized-config-change");
    await page.getByRole("button", { name: "Open the case" }).click();
    await page.waitForURL(/\/cases\/CASE-\d{4}-\d{4,}$/);
    caseUrl = page.url();
    caseRef = decodeURIComponent(caseUrl.split("/").pop()!);
    await expect.poll(() => page.getByTestId("case-alerts").getByRole("listitem").count()).toBe(2);
    const linked = await db.alert.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(linked.map((x) => x.status)).toEqual(["LINKED", "LINKED"]);
    expect(await page.getByTestId("case-status").first().textContent()).toBe("New");
    await page.context().close();
  });

  it("moves the case NEW → TRIAGE → INVESTIGATING, and a stale second edit gets the conflict message", async () => {
    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "Move to triage" }).click();
    await expect.poll(() => page.getByTestId("case-status").first().textContent()).toBe("Triage");
    await page.getByRole("button", { name: "Move to investigating" }).click();
    await expect.poll(() => page.getByTestId("case-status").first().textContent()).toBe("Investigating");
    // Tabs: the current section is marked for assistive technology.
    expect(await page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe("page");

    // A second tab loaded now; the first saves; the second's save is stale.
    const second = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: await page.context().storageState() })).newPage();
    await second.goto(caseUrl);
    await page.getByLabel("Title").fill(`Exit node approved ${tag}`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved: title.").waitFor();
    await second.getByLabel("Title").fill(`My stale title ${tag}`);
    await second.getByRole("button", { name: "Save changes" }).click();
    await second.getByText("Someone else changed this case").waitFor();
    expect(await second.getByLabel("Title").inputValue()).toBe(`My stale title ${tag}`);
    expect((await db.case.findUniqueOrThrow({ where: { reference: caseRef } })).title).toBe(`Exit node approved ${tag}`);
    await page.reload();
    await shoot(page, "case-overview");
    await shootPhoneDark(page, "case-overview-phone-dark");
    await second.context().close();
    await page.context().close();
  });

  it("adds a timeline note with its time zone, shown in order and in that zone", async () => {
    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(`${caseUrl}/timeline`);
    await page.getByLabel("What happened").fill(`Exit node approved by an unknown admin ${tag}`);
    await page.getByLabel("When it happened").fill("2026-11-20T09:15");
    await page.getByLabel("Time zone").fill("Europe/Berlin");
    await page.getByLabel("Source (optional)").fill("Tailscale admin console");
    await page.getByRole("button", { name: "Add entry" }).click();
    await page.getByText("Added to the timeline.").waitFor();
    const items = page.getByTestId("timeline").getByRole("listitem");
    await expect.poll(() => items.first().textContent()).toContain(`unknown admin ${tag}`);
    expect(await items.first().getByTestId("timeline-time").textContent()).toBe("2026-11-20 09:15 Europe/Berlin");
    expect(await items.first().getAttribute("data-kind")).toBe("note");
    // The times are in order.
    const times = await items.evaluateAll((els) => els.map((el) => el.querySelector("time")!.getAttribute("datetime")!));
    expect([...times].sort()).toEqual(times);
    // Filtered to notes only.
    await page.getByRole("link", { name: /^Notes/ }).click();
    await page.waitForURL(/kind=note/);
    expect(await page.getByTestId("timeline").getByRole("listitem").count()).toBe(1);
    await page.goto(`${caseUrl}/timeline`);
    await shoot(page, "case-timeline");
    await shootPhoneDark(page, "case-timeline-phone-dark");
    await page.context().close();
  });

  it("adds a report from its triage page to the existing case; the reporter's view stays their own", async () => {
    const report = await createReport({ viewer: asUserViewer(employee), input: { category: "ACCOUNT_ABUSE", description: `Someone used my key ${tag}` } });
    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(`${base}/triage/${report.reference}`);
    await page.getByLabel("Case", { exact: true }).selectOption(caseRef);
    await page.getByRole("button", { name: "Add to case" }).click();
    // The page comes back with the report on the case.
    await expect.poll(() => page.getByTestId("report-case").textContent().catch(() => ""), { timeout: 20_000 }).toContain(caseRef);
    await page.goto(caseUrl);
    expect(await page.getByTestId("case-reports").textContent()).toContain(report.reference);
    // The inbox names the case beside the report (the newest report, on the first page).
    await page.goto(`${base}/triage`);
    const row = page.getByRole("row").filter({ hasText: report.reference });
    expect(await row.getByRole("link", { name: caseRef }).count()).toBe(1);
    await page.context().close();

    const mine = await getMyReport({ viewer: asUserViewer(employee), reference: report.reference });
    expect(JSON.stringify(mine)).not.toContain(caseRef);
    expect(Object.keys(mine)).not.toContain("caseId");
    const reporter = await signedInPage(browser, base, { email: employee.email, password: PASSWORD });
    await reporter.goto(`${base}/reports/${report.reference}`);
    await reporter.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await reporter.content()).not.toContain(caseRef);
    // Without case access, every case page is the plain 404.
    await expectNotFoundPage(reporter, caseUrl);
    await reporter.context().close();
  });

  it("lists cases overdue first, saves a view, and hides a COO_ONLY case from SECURITY (absent, 404)", async () => {
    const sealed = await createCase({ viewer: asUserViewer(coo), input: { title: `Board member device stolen ${tag}`, severity: "CRITICAL", visibility: "COO_ONLY" } });
    const overdue = await createCase({ viewer: asUserViewer(security), input: { title: `Overdue ${tag}`, severity: "LOW", awareAt: new Date(Date.now() - 40 * 86_400_000) } });
    const page = await signedInPage(browser, base, { email: security.email, password: PASSWORD });
    await page.goto(`${base}/cases?status=all&q=${tag}`);
    const rows = page.getByRole("table").getByRole("row");
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const text = await page.getByRole("table").textContent();
    expect(text).toContain(caseRef);
    expect(text).not.toContain(sealed.reference);
    expect(text).not.toContain("Board member");
    // Overdue first, highlighted.
    expect(await rows.nth(1).textContent()).toContain(overdue.reference);
    expect(await rows.nth(1).getAttribute("data-overdue")).toBe("true");

    await page.getByLabel("Name of the view").fill(`Everything ${tag}`);
    await page.getByRole("button", { name: "Save view" }).click();
    await page.getByText(`Saved the view "Everything ${tag}".`).waitFor();
    await page.goto(`${base}/cases`);
    await page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: `Everything ${tag}` }).click();
    await page.waitForURL(new RegExp(`q=${tag}`));
    await shoot(page, "cases-list");
    await shootPhoneDark(page, "cases-list-phone-dark");

    await expectNotFoundPage(page, `${base}/cases/${sealed.reference}`);
    await expectNotFoundPage(page, `${base}/cases/${sealed.reference}/timeline`);
    await page.context().close();

    const cooPage = await signedInPage(browser, base, { email: coo.email, password: PASSWORD });
    await cooPage.goto(`${base}/cases/${sealed.reference}`);
    expect(await cooPage.getByRole("heading", { level: 1 }).first().textContent()).toContain("Board member device stolen");
    await cooPage.context().close();
  });
});
