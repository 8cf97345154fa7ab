// Single sign-on through a real OpenID Connect provider: first sign-in creates the account,
// roles come from the group claim, and a disabled account is turned away.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { db } = await import("@/lib/db");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function ssoSignIn(login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  // oidc-provider's development login and consent pages.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  await page.waitForURL((url) => url.origin === base || /consent|interaction/.test(url.pathname), { timeout: 15_000 });
  if (new URL(page.url()).origin !== base && (await consent.count())) await consent.click();
  await page.waitForURL((url) => url.origin === base, { timeout: 15_000 });
  return page;
}

describe("single sign-on (OpenID Connect)", () => {
  it("creates the account at first sign-in, with roles from the group claim", async () => {
    const page = await ssoSignIn("ivy.responder");
    await page.waitForURL(`${base}/`);
    const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
    expect(nav).toEqual(["Home", "Alerts", "Cases", "Rules", "My reports", "Report inbox", "Config log", "Flow log", "Devices", "Log integrity", "Log review", "Ingest", "Audit trail", "Account"]);
    await page.screenshot({ path: screenshotPath("sso-home") });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ivy.responder@example.com" } });
    expect(user.roles).toEqual(["EMPLOYEE", "SECURITY"]);
    expect(user.oidcSubject).toBe("ivy.responder");
    expect(user.passwordHash).toBeNull();
    const audit = await db.auditLog.findMany({ where: { targetId: user.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.create", "auth.sign_in"]);
  });

  it("turns a disabled account away with a clear message", async () => {
    const first = await ssoSignIn("cole.exec");
    await first.waitForURL(`${base}/`);
    await db.user.update({ where: { email: "cole.exec@example.com" }, data: { disabledAt: new Date() } });
    const again = await ssoSignIn("cole.exec");
    await again.waitForURL(/\/sign-in/);
    await expect.poll(() => again.getByRole("main").getByRole("alert").innerText(), { timeout: 15_000 }).toContain("This account is disabled");
  });
});
