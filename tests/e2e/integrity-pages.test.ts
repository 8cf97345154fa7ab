// The log integrity pages in Chromium: records of two nodes verified in the test process, the
// posture page, a device's strip, drilling into a one-sided bucket to see both sides, a case's
// coverage tab attaching its map as evidence, and 404 for everyone without logs.read.
// Screenshots (desktop and a 390 px phone in dark mode) land in test-results/screenshots.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signIn, signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { db } = await import("@/lib/db");
const { makeUser, makeViewer } = await import("../support/db-helpers");
const { ingestStream } = await import("@/lib/ingest/ingest");
const { findOrCreateSource } = await import("@/lib/ingest/sources");
const { flushDerived } = await import("@/lib/ingest/derived");
const { closeIngestPool, withIngestTx } = await import("@/lib/ingest/pg-pool");
const { verifyRange } = await import("@/lib/integrity/verify");
const { INTEGRITY_DEFAULTS } = await import("@/lib/integrity/settings");
const { createCase } = await import("@/lib/cases/create-case");
const { bucketAt, connection, pairOf } = await import("../support/integrity-records");

const MIN = 60_000;
const { a, b } = pairOf();
const t = bucketAt(5);
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const windowQuery = `from=${local(t)}&to=${local(t + 30 * MIN)}&tz=UTC`;
let browser: Browser;
let security: Awaited<ReturnType<typeof makeUser>>;
let employee: Awaited<ReturnType<typeof makeUser>>;
let reference: string;
let caseId: string;

beforeAll(async () => {
  security = await makeUser(["SECURITY"], "integrity pages passphrase", { ready: true });
  employee = await makeUser([], "integrity pages employee", { ready: true });
  const sourceId = (await findOrCreateSource(`integrity-pages-${Date.now()}`, "IMPORT")).id;
  // b logs nothing in minutes 5 to 9: its peer's records of those minutes are one-sided.
  const records = connection(a, b, t, t + 14 * MIN, 30, (side, w, e) => (side === "b" && w >= t + 5 * MIN && w < t + 10 * MIN ? null : e));
  await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
  await flushDerived();
  await withIngestTx((c) => verifyRange(c, { from: new Date(t), to: new Date(t + 14 * MIN), settings: INTEGRITY_DEFAULTS }));
  const made = await createCase({ viewer: await makeViewer(["SECURITY"]), input: { title: "Integrity pages case", severity: "HIGH", awareAt: new Date(t + 4 * MIN).toISOString() } });
  reference = made.reference;
  caseId = made.id;
  await db.caseObservable.createMany({ data: [{ caseId, type: "DEVICE_ID", value: b.node, source: "manual" }, { caseId, type: "IP", value: a.address, source: "manual" }] });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await closeIngestPool();
});

async function phoneDark(path: string, name: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page, base, security.email, security.password);
  await page.waitForURL(`${base}/`);
  await page.goto(`${base}${path}`);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  await context.close();
}

describe("log integrity pages", () => {
  let page: Page;

  it("shows the logging posture with evidence and links", async () => {
    page = await signedInPage(browser, base, security);
    expect(await page.getByRole("link", { name: "Log integrity", exact: true }).count()).toBeGreaterThan(0);
    await page.goto(`${base}/integrity`);
    await page.getByRole("heading", { name: "Log integrity", level: 1 }).waitFor();
    const checks = page.getByRole("list", { name: "Logging posture" }).locator(":scope > li");
    expect(await checks.count()).toBe(6);
    for (const key of ["flow-logging", "exit-flow-logging", "log-streaming", "ingest-sources", "countersigning", "never-reporting"]) {
      expect(await page.locator(`[data-check="${key}"] [data-level]`).count()).toBe(1);
    }
    await page.screenshot({ path: screenshotPath("integrity-posture"), fullPage: true });
    await phoneDark("/integrity", "integrity-posture-phone-dark");
  });

  it("shows a device's strip and drills into a one-sided bucket to both sides' counts", async () => {
    await page.goto(`${base}/integrity/devices?${windowQuery}`);
    const row = page.locator(`li[data-node="${b.node}"]`);
    await row.waitFor();
    expect(await row.locator('[data-status="one-sided"]').count()).toBeGreaterThan(0);
    expect(await row.locator('[data-status="countersigned"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("integrity-devices"), fullPage: true });
    await row.getByRole("link").first().click();
    await page.waitForURL(new RegExp(`/integrity/devices/${b.node}`));
    await page.getByRole("heading", { name: "Silent spans" }).waitFor();
    expect(await page.getByRole("list", { name: "Silent spans" }).locator("li").count()).toBeGreaterThan(0);
    await page.locator('[data-status="one-sided"] a').first().click();
    await page.waitForURL(/at=/);
    const oneSided = page.locator('li[data-outcome="ONE_SIDED"]').first();
    await oneSided.waitFor();
    await expect.poll(() => oneSided.textContent()).toContain("(silent)");
    expect(await oneSided.getByRole("link", { name: `Flows of ${a.node}` }).count()).toBe(1);
    expect(await oneSided.getByRole("link", { name: `Flows of ${b.node}` }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("integrity-device"), fullPage: true });
    await phoneDark(`/integrity/devices/${b.node}?${windowQuery}`, "integrity-device-phone-dark");
    await phoneDark(`/integrity/devices?${windowQuery}`, "integrity-devices-phone-dark");
  });

  it("maps a case's devices and attaches the map as evidence", async () => {
    await page.goto(`${base}/cases/${reference}/coverage?margin=1`);
    await page.locator(`li[data-node="${b.node}"][data-level]`).waitFor();
    expect(await page.locator(`li[data-node="${a.node}"]`).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("case-coverage"), fullPage: true });
    await page.getByRole("button", { name: "Attach to the case as evidence" }).click();
    await page.getByText("Attached to the case").waitFor({ timeout: 20_000 });
    const evidence = await db.caseEvidence.findMany({ where: { caseId } });
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.name).toMatch(/^coverage-map-.*\.json$/);
    await phoneDark(`/cases/${reference}/coverage`, "case-coverage-phone-dark");
  });

  it("is a 404 for an employee on every page", async () => {
    const other = await signedInPage(browser, base, employee);
    for (const path of ["/integrity", "/integrity/devices", `/integrity/devices/${b.node}`, `/cases/${reference}/coverage`]) {
      await expectNotFoundPage(other, `${base}${path}`);
    }
  });
});
