// The Tailscale API settings page: an administrator points the poller at a local server that
// speaks Tailscale's API, saves, presses "Poll now" and sees the outcome and the cursors; bad
// input is refused beside its field; an employee gets the plain 404.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { signedInPage } from "../support/browser-session";
import { startFakeTailscaleApi, type FakeTailscaleApi } from "../support/fake-tailscale-api";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const { db } = await import("@/lib/db");
const POLL = { timeout: 30_000 };
const PATH = "/admin/ingest/tailscale-api";
const HOUR = 3_600_000;

let browser: Browser;
let fake: FakeTailscaleApi;
beforeAll(async () => {
  browser = await launchBrowser();
  fake = await startFakeTailscaleApi({ tailnet: "example.com" });
  fake.placeFixtures("configuration", Date.now() - 3 * HOUR, 20 * 60_000);
  fake.placeFixtures("network", Date.now() - 3 * HOUR, 20 * 60_000);
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

const storedAudits = async () => {
  const source = await db.ingestSource.findUnique({ where: { name: "tailscale-api" } });
  return source ? db.auditEvent.count({ where: { sourceId: source.id } }) : 0;
};

async function fill(page: Page) {
  await page.getByRole("checkbox", { name: "Poll Tailscale's API" }).check();
  await page.getByLabel("Tailnet").fill(fake.tailnet);
  await page.getByLabel("API access token").fill(fake.apiToken);
  await page.getByRole("checkbox", { name: /Configuration audit logs/ }).check();
  await page.getByRole("checkbox", { name: /Network flow logs/ }).check();
  await page.getByLabel("Polling interval (minutes)").fill("60");
}

describe("Tailscale API settings page", () => {
  it("saves the settings, polls now and shows what it did", async () => {
    const admin = await makeUser(["ADMIN"], "admin poller passphrase", { ready: true });
    const page = await signedInPage(browser, base, admin);
    await page.goto(`${base}${PATH}`);
    expect(await page.getByRole("heading", { level: 1, name: "Tailscale API" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Poll now" }).isDisabled()).toBe(true);

    await fill(page);
    await page.getByLabel("API URL (optional)").fill("file:///etc/passwd");
    await page.getByLabel("Backfill window (hours)").fill("5000");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("The API URL must be an http(s) URL without credentials.").isVisible(), POLL).toBe(true);
    expect(await page.getByText(/At most 2160 hours/).isVisible()).toBe(true);
    expect(await page.getByLabel("Backfill window (hours)").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: screenshotPath("poller-settings-errors"), fullPage: true });

    await page.getByLabel("API URL (optional)").fill(fake.url);
    await page.getByLabel("Backfill window (hours)").fill("24");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Saved.").isVisible(), POLL).toBe(true);
    await page.reload();
    expect(await page.getByText("Set. Leave empty to keep it.").first().isVisible()).toBe(true);
    expect(await page.content()).not.toContain(fake.apiToken);

    await page.getByRole("button", { name: "Poll now" }).click();
    await expect.poll(() => page.getByText("Poll finished", { exact: true }).isVisible(), POLL).toBe(true);
    expect(await page.getByRole("status").filter({ hasText: "Poll finished" }).innerText()).toMatch(/Configuration: 1 window: read \d+ records/);
    await page.locator("main").screenshot({ path: screenshotPath("poller-poll-now") });
    // The scheduled job may have polled first: either way, every fixture record is stored once.
    expect(await storedAudits()).toBe(21);
    expect(fake.windows("configuration").length).toBeGreaterThanOrEqual(1);
    expect(fake.requests.every((r) => !r.logType || r.authorization === `Bearer ${fake.apiToken}`)).toBe(true);
    await page.reload();
    const status = page.getByRole("region", { name: "Configuration audit logs" });
    expect(await status.getByText("ok", { exact: true }).isVisible()).toBe(true);
    expect(await status.innerText()).not.toMatch(/not started/);
    await page.screenshot({ path: screenshotPath("poller-settings"), fullPage: true });

    // Refused: the status shows the error in plain words.
    fake.failNext("configuration", { status: 401 });
    fake.failNext("network", { status: 401 });
    await page.getByRole("button", { name: "Poll now" }).click();
    await expect.poll(() => page.getByText("Poll finished with errors").isVisible(), POLL).toBe(true);
    await page.reload();
    await expect.poll(() => status.getByText(/The token was refused \(HTTP 401\) for configuration logs/).isVisible(), POLL).toBe(true);

    const audit = await db.auditLog.findFirst({ where: { action: "settings.tailscale_api_update", actorId: admin.id } });
    expect(audit).not.toBeNull();
  });

  it("looks right on a phone in dark mode", async () => {
    const admin = await makeUser(["ADMIN"], "admin poller phone passphrase", { ready: true });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    const page = await context.newPage();
    const { signIn } = await import("../support/browser-session");
    await signIn(page, base, admin.email, admin.password);
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}${PATH}`);
    await page.getByLabel("Authentication").selectOption("oauth");
    expect(await page.getByLabel("OAuth client id").isVisible()).toBe(true);
    expect(await page.getByLabel("API access token").isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath("poller-settings-phone-dark"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it("is a plain 404 for an employee", async () => {
    const employee = await makeUser([], "employee poller passphrase", { ready: true });
    const page = await signedInPage(browser, base, employee);
    const response = await page.goto(`${base}${PATH}`);
    expect(response?.status()).toBe(404);
    await page.screenshot({ path: screenshotPath("poller-settings-employee-404") });
    await expect.poll(() => page.getByRole("heading", { name: "Page not found" }).isVisible(), POLL).toBe(true);
    expect(await page.content()).not.toContain("Poll now");
  });
});
