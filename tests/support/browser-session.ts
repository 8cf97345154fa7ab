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
