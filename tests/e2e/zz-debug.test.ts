import { expect, inject, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { signedInPage } from "../support/browser-session";
process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
it("debug overflow", async () => {
  const browser = await launchBrowser();
  const admin = await makeUser(["ADMIN", "SECURITY"], "admin debug passphrase", { ready: true });
  const page = await signedInPage(browser, base, admin, { width: 390, height: 844 });
  for (const path of ["/admin/ingest", "/ingest/import"]) {
    await page.goto(`${base}${path}`);
    if (path === "/admin/ingest") {
      await page.getByLabel("Source name").fill(`dbg ${Date.now()}`);
      await page.getByRole("button", { name: "Create streaming token" }).click();
      await page.getByTestId("one-time-secret").waitFor();
    }
    const wide = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll("body *"))) {
        const r = el.getBoundingClientRect();
        if (r.right > 395 && !el.closest("nav")) out.push(`${el.tagName}.${String(el.className).slice(0, 80)} w=${Math.round(r.width)} right=${Math.round(r.right)}`);
      }
      return [document.documentElement.scrollWidth, ...out.slice(0, 12)];
    });
    console.log(path, JSON.stringify(wide, null, 1));
  }
  await browser.close();
  expect(1).toBe(1);
});
