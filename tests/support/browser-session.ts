// Signing people in, in the browser, for end-to-end tests.
import type { Browser, Page } from "playwright-core";

export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signedInPage(browser: Browser, base: string, user: { email: string; password: string }, viewport = { width: 1280, height: 900 }) {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signIn(page, base, user.email, user.password);
  await page.waitForURL(`${base}/`);
  return page;
}

/** Opens `path` and expects the app's own 404: the status, then the "Page not found" heading
 * (the page streams, so the heading may land a moment after the response). */
export async function expectNotFoundPage(page: Page, url: string) {
  const response = await page.goto(url);
  if (response?.status() !== 404) throw new Error(`${url}: expected 404, got ${response?.status()}`);
  await page.getByRole("heading", { name: "Page not found" }).waitFor({ state: "visible", timeout: 20_000 });
}
