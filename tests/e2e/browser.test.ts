// People in a real browser (Debian's Chromium): first sign-in, sign-out, lockout, and each
// role seeing only its own navigation. Screenshots land in test-results/screenshots.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signIn as signInAt } from "../support/browser-session";

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

const signIn = (page: Page, email: string, password: string) => signInAt(page, base, email, password);

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
    // The API refuses the session too.
    const api = await page.request.get(`${base}/api/v1/me`);
    expect(api.status()).toBe(403);
    expect(await api.text()).toContain("one-time password");

    await page.getByLabel("Current password").fill(firstAdmin!.password);
    await page.getByLabel("New password", { exact: true }).fill("first admin's own passphrase");
    await page.getByLabel("Repeat the new password").fill("first admin's own passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL(/\/sign-in/);

    await signIn(page, firstAdmin!.email, "first admin's own passphrase");
    await page.waitForURL(`${base}/`);
    expect(await navLabels(page)).toEqual(["Home", "Alerts", "Cases", "Rules", "My reports", "Report inbox", "Config log", "Flow log", "Devices", "Log integrity", "Log review", "Ingest", "Users", "Notifications", "Log sources", "Audit trail", "Account"]);
    await page.screenshot({ path: screenshotPath("home-admin"), fullPage: true });
    await page.goto(`${base}/admin/audit`);
    await expect.poll(() => page.getByRole("cell", { name: "auth.sign_in", exact: true }).first().isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("audit-trail"), fullPage: true });

    // Users: create one through the form; the one-time password is shown once.
    await page.goto(`${base}/admin/users`);
    await page.getByLabel("Email").fill("new.hire@example.com");
    await page.getByLabel("Name").fill("New Hire <script>alert(1)</script>");
    await page.getByRole("checkbox", { name: "SECURITY" }).first().check();
    await page.getByRole("button", { name: "Create user" }).click();
    const secret = page.getByTestId("one-time-secret");
    await expect.poll(() => secret.isVisible(), POLL).toBe(true);
    expect(await secret.innerText()).toMatch(/^\S{24}$/);
    const row = page.getByTestId("user-row-new.hire@example.com");
    await expect.poll(() => row.innerText(), POLL).toContain("New Hire <script>alert(1)</script>");
    await page.screenshot({ path: screenshotPath("users"), fullPage: true });

    // Bad input is answered in the form, not with an error page.
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Name").fill("x");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect.poll(() => page.getByText("Enter a valid email address.").isVisible(), POLL).toBe(true);

    // A personal API token made in the page works against the API.
    await page.goto(`${base}/account`);
    await page.getByLabel("Name").fill("from the browser");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect.poll(() => page.getByTestId("one-time-secret").isVisible(), POLL).toBe(true);
    const token = await page.getByTestId("one-time-secret").innerText();
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ email: firstAdmin!.email });
    await page.getByRole("button", { name: "Revoke token from the browser" }).click();
    await expect.poll(async () => (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status, POLL).toBe(401);
  });

  it("looks right on a phone in dark mode", async () => {
    const user = await makeUser(["SECURITY"], "phone passphrase 1", { ready: true });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    await page.waitForURL(`${base}/`);
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.screenshot({ path: screenshotPath("home-phone-dark"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("ends the session of a user who is disabled while signed in", async () => {
    const user = await makeUser([], "soon disabled passphrase", { ready: true });
    const page = await newPage();
    await signIn(page, user.email, user.password);
    await page.waitForURL(`${base}/`);
    const { setUserDisabled } = await import("@/lib/users/update-user");
    const { systemViewer } = await import("@/lib/auth/viewer");
    await setUserDisabled({ viewer: systemViewer(), user: user.id, disabled: true });
    await page.goto(`${base}/account`);
    await page.waitForURL(/\/sign-in/);
  });

  it("an employee sees only their own navigation and gets 404 for admin pages", async () => {
    const employee = await makeUser([], "employee passphrase 1", { ready: true });
    const page = await newPage();
    await signIn(page, employee.email, employee.password);
    await page.waitForURL(`${base}/`);
    expect(await navLabels(page)).toEqual(["Home", "My reports", "Account"]);
    await expectNotFoundPage(page, `${base}/admin/users`);
  });

  it("the security team sees the audit trail but not user management", async () => {
    const security = await makeUser(["SECURITY"], "security passphrase 1", { ready: true });
    const page = await newPage();
    await signIn(page, security.email, security.password);
    await page.waitForURL(`${base}/`);
    expect(await navLabels(page)).toEqual(["Home", "Alerts", "Cases", "Rules", "My reports", "Report inbox", "Config log", "Flow log", "Devices", "Log integrity", "Log review", "Ingest", "Audit trail", "Account"]);
  });

  it("signs out", async () => {
    const user = await makeUser([], "sign out passphrase", { ready: true });
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
