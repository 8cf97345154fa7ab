// People in a real browser (Debian's Chromium): first sign-in, sign-out, lockout, and each
// role seeing only its own navigation. Screenshots land in test-results/screenshots.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const firstAdmin = inject("firstAdmin");
const { makeUser } = await import("../support/db-helpers");

const POLL = { timeout: 15_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const navLabels = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();

describe("in the browser", () => {
  it("the first administrator signs in with the one-time password and must choose a new one", async () => {
    expect(firstAdmin, "the launcher printed the first administrator").not.toBeNull();
    const page = await newPage();
    await signIn(page, firstAdmin!.email, firstAdmin!.password);
    await page.waitForURL(`${base}/account/password`);
    await expect.poll(() => page.getByText("You signed in with a one-time password").isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("change-password"), fullPage: true });
    // The rest of the app stays closed until the password is changed.
    await page.goto(`${base}/admin/users`);
    await page.waitForURL(`${base}/account/password`);

    await page.getByLabel("Current password").fill(firstAdmin!.password);
    await page.getByLabel("New password", { exact: true }).fill("first admin's own passphrase");
    await page.getByLabel("Repeat the new password").fill("first admin's own passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL(/\/sign-in/);

    await signIn(page, firstAdmin!.email, "first admin's own passphrase");
    await page.waitForURL(`${base}/`);
    expect(await navLabels(page)).toEqual(["Home", "Users", "Audit trail", "Account"]);
    await page.screenshot({ path: screenshotPath("home-admin"), fullPage: true });
    await page.goto(`${base}/admin/audit`);
    await expect.poll(() => page.getByRole("cell", { name: "auth.sign_in", exact: true }).first().isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("audit-trail"), fullPage: true });
  });

  it("an employee sees only their own navigation and gets 404 for admin pages", async () => {
    const employee = await makeUser([], "employee passphrase 1");
    await import("@/lib/db").then(({ db }) => db.user.update({ where: { id: employee.id }, data: { mustChangePassword: false } }));
    const page = await newPage();
    await signIn(page, employee.email, employee.password);
    await page.waitForURL(`${base}/`);
    expect(await navLabels(page)).toEqual(["Home", "Account"]);
    const response = await page.goto(`${base}/admin/users`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { name: "Page not found" }).isVisible()).toBe(true);
  });

  it("the security team sees the audit trail but not user management", async () => {
    const security = await makeUser(["SECURITY"], "security passphrase 1");
    await import("@/lib/db").then(({ db }) => db.user.update({ where: { id: security.id }, data: { mustChangePassword: false } }));
    const page = await newPage();
    await signIn(page, security.email, security.password);
    await page.waitForURL(`${base}/`);
    expect(await navLabels(page)).toEqual(["Home", "Audit trail", "Account"]);
  });

  it("signs out", async () => {
    const user = await makeUser([], "sign out passphrase");
    await import("@/lib/db").then(({ db }) => db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } }));
    const page = await newPage();
    await signIn(page, user.email, user.password);
    await page.waitForURL(`${base}/`);
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${base}/account`);
    await page.waitForURL(/\/sign-in/);
  });

  it("locks the account after five failed sign-ins and says so", async () => {
    const user = await makeUser([], "the right passphrase");
    const page = await newPage();
    for (let i = 1; i <= 4; i++) {
      await signIn(page, user.email, `wrong password ${i}`);
      await expect.poll(() => page.getByRole("main").getByRole("alert").innerText(), POLL).toContain("The email or password is not correct.");
    }
    await signIn(page, user.email, "wrong password 5");
    await expect.poll(() => page.getByRole("main").getByRole("alert").innerText(), POLL).toContain("this account is locked for 15 more minutes");
    await signIn(page, user.email, user.password);
    await expect.poll(() => page.getByRole("main").getByRole("alert").innerText(), POLL).toContain("locked");
    expect(page.url()).toContain("/sign-in");
    await page.screenshot({ path: screenshotPath("locked") });
  });
});
