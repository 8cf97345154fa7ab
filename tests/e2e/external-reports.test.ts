// Vulnerability reports from people without an account, over HTTP and in the browser: the
// private follow-up link, bad input, the honeypot, and per-address rate limits.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { db } = await import("@/lib/db");
const { makeUser } = await import("../support/db-helpers");
const POLL = { timeout: 15_000 };

let n = 0;
/** Each call looks like a different client, as a reverse proxy would tell the app. */
const newClient = () => `198.51.100.${++n}`;
const post = (body: BodyInit, headers: Record<string, string>, ip = newClient()) =>
  fetch(`${base}/api/public/vulnerability-reports`, { method: "POST", body, headers: { "x-forwarded-for": ip, ...headers } });
const postJson = (body: unknown, ip?: string) => post(JSON.stringify(body), { "content-type": "application/json" }, ip);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("external vulnerability reports over HTTP", () => {
  it("files a report and returns a private follow-up link (only its hash is stored)", async () => {
    const response = await postJson({ description: "SQL injection in /search?q=", affectedProduct: "https://shop.example.com", email: "Researcher@Example.org" });
    expect(response.status).toBe(201);
    const { reference, followUrl } = await response.json();
    expect(reference).toMatch(/^RPT-\d{4}-\d{4,}$/);
    const token = /\/follow\/([A-Za-z0-9_-]{43})$/.exec(followUrl)![1]!;
    const stored = await db.report.findUniqueOrThrow({ where: { reference } });
    expect(stored).toMatchObject({ source: "EXTERNAL", category: "VULNERABILITY", visibility: "STANDARD", externalEmail: "researcher@example.org", reporterId: null });
    expect(JSON.stringify(stored)).not.toContain(token);

    const follow = await fetch(`${base}/api/public/vulnerability-reports/${token}`);
    expect(await follow.json()).toMatchObject({ reference, status: "RECEIVED", messages: [] });
    const reply = await fetch(`${base}/api/public/vulnerability-reports/${token}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": newClient() },
      body: JSON.stringify({ body: "Also affects /admin/search" }),
    });
    expect(reply.status).toBe(201);
    const unknown = await fetch(`${base}/api/public/vulnerability-reports/${"A".repeat(43)}`);
    expect(unknown.status).toBe(404);
  });

  it("answers bad input with 400, 413, 415 and 422, never a 500", async () => {
    expect((await post("{not json", { "content-type": "application/json" })).status).toBe(400);
    expect((await post("description=x", { "content-type": "text/plain" })).status).toBe(415);
    const invalid = await postJson({ description: "", email: "not-an-email" });
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body.error.details.fieldErrors).toMatchObject({ description: ["Describe the vulnerability or issue."], email: ["Enter a valid email address, or leave it empty."] });
    expect((await postJson({ description: 42 })).status).toBe(422);
    expect((await postJson(["an array"])).status).toBe(400);
    expect((await postJson({ description: "x".repeat(20_001) })).status).toBe(422);
    const huge = await post(new Uint8Array(30 * 1024 * 1024), { "content-type": "application/json" });
    expect(huge.status).toBe(413);
    const form = new FormData();
    form.set("description", "See attached");
    form.append("attachments", new Blob(["MZ"]), "exploit.exe");
    const refused = await post(form, {});
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toMatch(/"exploit.exe" is not an allowed kind of file/);
  });

  it("keeps nothing when the honeypot is filled, but looks like success", async () => {
    const before = await db.report.count();
    const response = await postJson({ description: "Buy cheap watches", website: "http://spam.example" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ reference: null, followUrl: null });
    expect(await db.report.count()).toBe(before);
  });

  it("answers a flood with 429 and keeps working for everyone else", async () => {
    const flooder = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await postJson({ description: `flood ${i}` }, flooder)).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await postJson({ description: "again" }, flooder);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postJson({ description: "a different researcher" })).status).toBe(201);
  });
});

describe("external vulnerability reports in the browser", () => {
  it("a researcher reports, the security team answers through the inbox, the researcher replies", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByRole("link", { name: "Report a vulnerability" }).click();
    await page.getByLabel("Affected product or URL").fill("https://app.example.com/login");
    await page.getByLabel("Describe the issue").fill("Open redirect via ?next=//evil.example");
    await page.getByLabel("Attachments (optional)").setInputFiles({ name: "poc.txt", mimeType: "text/plain", buffer: Buffer.from("curl -I https://app.example.com/login?next=//evil.example") });
    await page.getByRole("button", { name: "Send report" }).click();
    const link = page.getByTestId("follow-link");
    await expect.poll(() => link.isVisible(), POLL).toBe(true);
    const reference = await page.getByTestId("external-reference").innerText();
    await page.screenshot({ path: screenshotPath("external-receipt") });
    const followUrl = await link.getAttribute("href");

    const security = await makeUser(["SECURITY"], "security external passphrase", { ready: true });
    const triager = await signedInPage(browser, base, security);
    await triager.goto(`${base}/triage/${reference}`);
    await triager.getByLabel("Ask or tell the reporter").fill("Thanks! Confirmed, fix ships Friday.");
    await triager.getByRole("button", { name: "Send to reporter" }).click();
    await expect.poll(() => triager.getByRole("list", { name: "Messages" }).getByText("Thanks! Confirmed").isVisible(), POLL).toBe(true);

    await page.goto(followUrl!);
    await expect.poll(() => page.getByText("Thanks! Confirmed, fix ships Friday.").isVisible(), POLL).toBe(true);
    await page.getByLabel("Your reply").fill("Great, happy to retest.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect.poll(() => page.getByRole("list", { name: "Messages" }).getByText("Great, happy to retest.").isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("external-follow"), fullPage: true });
  });
});
