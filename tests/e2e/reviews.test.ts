// The regular log review end to end: the job creates the review of the period that ended; the
// REST API lists and shows it (404 for someone who may not read logs, bad input a clear 4xx); in
// Chromium the Security Review Team ticks every item, signs off and exports it for an auditor.
// Screenshots land in test-results/screenshots.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor, callApi } = await import("../support/api-client");
const { createDueReview } = await import("@/lib/reviews/run-reviews");
const { db } = await import("@/lib/db");

const POLL = { timeout: 20_000, interval: 250 };
const NARROW_DARK = { viewport: { width: 390, height: 844 }, colorScheme: "dark" as const };
const tokens: Record<string, string> = {};
let browser: Browser;
let page: Page;
let security: Awaited<ReturnType<typeof makeUser>>;
let employee: Awaited<ReturnType<typeof makeUser>>;
let reviewId: string;

const call = (who: string | null, path: string) => callApi(base, who ? tokens[who]! : null, path);

beforeAll(async () => {
  browser = await launchBrowser();
  security = await makeUser(["SECURITY"], "security reviews passphrase", { ready: true });
  employee = await makeUser([], "employee reviews passphrase", { ready: true });
  for (const [who, roles] of [["security", ["SECURITY"]], ["coo", ["COO"]], ["employee", []]] as const) {
    const user = await makeUser([...roles]);
    tokens[who] = await apiTokenFor(user, "reviews test");
  }
  // The job (run by the app's worker every minute, and here once more): the period that ended.
  await createDueReview();
  const latest = await db.logReview.findFirst({ orderBy: { periodEnd: "desc" } });
  reviewId = latest!.id;
  // Alerts raised in the period, for the checklist's chart.
  const at = new Date(latest!.periodStart.getTime() + 3_600_000);
  for (const [i, severity] of (["HIGH", "HIGH", "MEDIUM", "LOW"] as const).entries()) {
    await db.alert.create({ data: { ruleId: "Test.Reviews", severity, title: `review e2e ${i}`, dedupKey: `review-e2e-${reviewId}-${i}`, firstSeenAt: at, lastSeenAt: at, dedupUntil: at, createdAt: at, matchedFields: [] } });
  }
});
afterAll(async () => {
  await db.alert.deleteMany({ where: { ruleId: "Test.Reviews", dedupKey: { startsWith: "review-e2e-" } } });
  await browser?.close();
});

describe("log review REST API", () => {
  it("lists and shows reviews to readers of the logs, 404 to others, bad input 4xx", async () => {
    expect((await call(null, "/api/v1/reviews")).status).toBe(401);
    expect((await call("employee", "/api/v1/reviews")).status).toBe(404);
    expect((await call("employee", `/api/v1/reviews/${reviewId}`)).status).toBe(404);
    const list = await call("coo", "/api/v1/reviews?status=OPEN");
    expect(list.status).toBe(200);
    expect((list.body.reviews as { id: string }[]).map((r) => r.id)).toContain(reviewId);
    const one = await call("security", `/api/v1/reviews/${reviewId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: reviewId, status: "OPEN", frozen: false });
    expect((one.body.items as unknown[]).length).toBe(5);
    for (const bad of ["status=DONE", "since=yesterday", "page=0", "pageSize=100000", "page=abc"]) expect((await call("security", `/api/v1/reviews?${bad}`)).status).toBe(422);
    expect((await call("security", "/api/v1/reviews/does-not-exist")).status).toBe(404);
    expect((await call("security", `/api/v1/reviews/${reviewId}/export?format=md`)).status).toBe(409);
    expect((await call("security", `/api/v1/reviews/${reviewId}/export?format=exe`)).status).toBe(422);
    // The job ran again: still one review for the period.
    await createDueReview();
    expect(await db.logReview.count({ where: { periodStart: (await db.logReview.findUniqueOrThrow({ where: { id: reviewId } })).periodStart } })).toBe(1);
  });
});

describe("log review in the browser", () => {
  it("ticks every item, signs off, exports; an employee gets 404", async () => {
    page = await signedInPage(browser, base, security);
    await page.goto(`${base}/reviews`);
    await page.getByRole("link", { name: /UTC/ }).first().waitFor({ state: "visible", timeout: 20_000 });
    await page.screenshot({ path: screenshotPath("reviews-list"), fullPage: true });
    await page.goto(`${base}/reviews/${reviewId}`);
    await expect.poll(() => page.getByRole("heading", { name: /Log review/ }).isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByRole("img", { name: /Alerts raised in the period by severity: Critical 0, High 2, Medium 1, Low 1/ }).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("review-open"), fullPage: true });
    expect(await page.getByRole("button", { name: "Sign off and freeze" }).isDisabled()).toBe(true);
    for (const [key, label] of [["logging", "Logging is enabled and streaming"], ["alerts", "New alerts"], ["gaps", "Missing time spans"], ["logins", "Repeated login failures"], ["restarts", "Unexpected restarts"]] as const) {
      const form = page.getByRole("form", { name: new RegExp(`Tick: ${label}`) });
      await form.getByLabel("Note (optional)").fill(`Looked at ${key}.`);
      await form.getByRole("button", { name: "Mark as checked" }).click();
      await expect.poll(() => form.getByRole("button", { name: "Untick" }).isVisible(), POLL).toBe(true);
    }
    await page.getByLabel("Sign-off notes").fill("Nothing unexpected this week.");
    await page.getByRole("button", { name: "Sign off and freeze" }).click();
    await expect.poll(() => page.getByText(/Signed off by/).first().isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("review-signed-off"), fullPage: true });
    const dark = await (await browser.newContext({ ...NARROW_DARK, storageState: await page.context().storageState() })).newPage();
    await dark.goto(`${base}/reviews/${reviewId}`);
    await expect.poll(() => dark.getByText(/Signed off by/).first().isVisible(), POLL).toBe(true);
    expect(await dark.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dark.screenshot({ path: screenshotPath("review-signed-off-phone-dark"), fullPage: true });
    await dark.goto(`${base}/reviews`);
    expect(await dark.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dark.screenshot({ path: screenshotPath("reviews-list-phone-dark"), fullPage: true });
    await dark.goto(`${base}/reviews/settings`);
    await dark.screenshot({ path: screenshotPath("reviews-settings-phone-dark"), fullPage: true });
    await page.goto(`${base}/reviews/settings`);
    await page.getByLabel("Time zone").fill("Mars/Olympus");
    await page.getByRole("button", { name: "Save schedule" }).click();
    await expect.poll(() => page.getByText(/Unknown time zone/).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("reviews-settings"), fullPage: true });

    const md = await call("security", `/api/v1/reviews/${reviewId}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(md.text).toContain("Nothing unexpected this week.");
    expect(md.text).toContain("Looked at logins.");
    const hash = (await db.auditLog.findFirstOrThrow({ where: { action: "reviews.sign_off", targetId: reviewId } })).hash;
    expect(md.text).toContain(hash);
    const json = await call("coo", `/api/v1/reviews/${reviewId}/export?format=json`);
    expect(json.body).toMatchObject({ status: "SIGNED_OFF", signOffAuditHash: hash, signedOffByLabel: security.email });

    const other = await signedInPage(browser, base, employee);
    await expectNotFoundPage(other, `${base}/reviews/${reviewId}`);
    await expectNotFoundPage(other, `${base}/reviews`);
  });
});
