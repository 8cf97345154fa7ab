// The notification settings page: an administrator points Slack at a (local) webhook, saves,
// sends a test, and sees it delivered; bad URLs are refused next to the field.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { signedInPage } from "../support/browser-session";
import { startHttpReceiver } from "../support/receivers";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const POLL = { timeout: 15_000 };

let browser: Browser;
let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
beforeAll(async () => {
  browser = await launchBrowser();
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

describe("notification settings", () => {
  it("saves Slack settings, sends a test, and lists the delivery", async () => {
    const admin = await makeUser(["ADMIN"], "admin notifications passphrase", { ready: true });
    const page = await signedInPage(browser, base, admin);
    await page.goto(`${base}/admin/notifications`);

    await page.getByLabel("Incoming webhook URL").fill("javascript:alert(1)");
    await page.getByRole("checkbox", { name: "Send to Slack" }).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("The Slack webhook URL must be an http(s) URL.").isVisible(), POLL).toBe(true);

    await page.getByLabel("Incoming webhook URL").fill(`${receiver.url}/services/T0/B0/secret`);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Saved.").isVisible(), POLL).toBe(true);
    await page.reload();
    expect(await page.getByText(/Set \(127\.0\.0\.1:\d+\)\. Leave empty to keep it\./).isVisible()).toBe(true);
    expect(await page.content()).not.toContain("/services/T0/B0/secret");

    await page.getByRole("button", { name: "Send test" }).first().click();
    await expect.poll(() => receiver.received.length, POLL).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body).text).toMatch(/^Test notification from Countersign/);
    await expect.poll(() => page.getByText("Test slack notification sent.").isVisible(), POLL).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole("cell", { name: "test", exact: true }).first().isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("notification-settings"), fullPage: true });
  });
});
