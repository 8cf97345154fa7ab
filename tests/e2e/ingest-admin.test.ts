// The operator side of the log pipeline in the browser: an administrator creates a streaming
// token, Tailscale-style posts with it are stored and show on the status page, revoking it
// refuses the next post; the security team uploads a gzip file with a progress bar, and a
// hostile malformed record shows as text in the quarantine; the upload endpoint answers bad
// input with clear 4xx; people without access get 404.
import http from "node:http";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";
import { auditRecord, flowRecord, hecBody } from "../support/tailscale-records";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const POLL = { timeout: 20_000 };
const NARROW = { width: 390, height: 844 };
const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;

let browser: Browser;
let admin: Awaited<ReturnType<typeof makeUser>>;
let security: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  browser = await launchBrowser();
  admin = await makeUser(["ADMIN"], "admin ingest passphrase", { ready: true });
  security = await makeUser(["SECURITY"], "security ingest passphrase", { ready: true });
});
afterAll(async () => browser?.close());

const hec = (token: string, body: string) =>
  fetch(`${base}/services/collector/event`, { method: "POST", headers: { authorization: `Splunk ${token}` }, body });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`${name}-desktop`), fullPage: true });
  const size = page.viewportSize()!;
  await page.setViewportSize(NARROW);
  // Nothing may push the page sideways on a phone (wide tables scroll inside their own box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(NARROW.width);
  await page.screenshot({ path: screenshotPath(`${name}-narrow`), fullPage: true });
  await page.setViewportSize(size);
}

describe("log sources and ingest status", () => {
  it("an admin creates a streaming token; posts with it are stored and shown; revoking it refuses the next post", async () => {
    const name = unique("tailnet example.com");
    const page = await signedInPage(browser, base, admin);
    await page.goto(`${base}/admin/ingest`);
    await page.getByLabel("Source name").fill(name);
    await page.getByRole("button", { name: "Create streaming token" }).click();
    const secret = page.getByTestId("one-time-secret");
    await expect.poll(() => secret.isVisible(), POLL).toBe(true);
    const token = (await secret.innerText()).trim();
    expect(token).toMatch(/^csi_[\w-]{40,}$/);
    expect(await page.getByText(`${base}/services/collector/event`, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Copy token: copy to the clipboard" }).isVisible()).toBe(true);
    await shoot(page, "admin-ingest-token");

    const first = await hec(token, hecBody([auditRecord(), auditRecord({ action: "ENABLE" }), flowRecord({ entries: 2 })]));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ text: "Success", code: 0 });

    const status = await signedInPage(browser, base, security);
    await status.goto(`${base}/ingest`);
    const card = status.getByRole("region", { name });
    // The counters are written within a second of the request: reload until they are there.
    await expect
      .poll(async () => {
        await status.reload();
        return (await card.isVisible()) && /Records\s*3\b/.test(await card.innerText());
      }, POLL)
      .toBe(true);
    const text = await card.innerText();
    expect(text).toMatch(/Last record just now/);
    expect(text).toMatch(/Records\s*3\b/);
    expect(text).toMatch(/Stored\s*5\b/);
    expect(text).toMatch(/3 records in the last hour/);
    await shoot(status, "ingest-status");
    const dark = await (await browser.newContext({ viewport: NARROW, colorScheme: "dark", storageState: await status.context().storageState() })).newPage();
    await dark.goto(`${base}/ingest`);
    await dark.screenshot({ path: screenshotPath("ingest-status-dark-narrow"), fullPage: true });
    await dark.context().close();

    await page.reload();
    const row = page.getByTestId(`source-${name}`);
    await expect.poll(async () => (await row.innerText()).includes("just now"), POLL).toBe(true);
    await row.getByRole("button", { name: `Revoke the token of ${name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("admin-ingest-revoke-dialog") });
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect.poll(() => row.getByText(/^revoked/).isVisible(), POLL).toBe(true);
    expect(await dialog.isVisible()).toBe(false);

    const refused = await hec(token, hecBody([auditRecord()]));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ text: "Invalid token", code: 4 });
    await page.context().close();
    await status.context().close();
  });

  it("an admin saves the retention and quiet settings, and a bad value is refused beside its field", async () => {
    const page = await signedInPage(browser, base, admin);
    await page.goto(`${base}/admin/ingest`);
    const quiet = page.getByLabel("Warn when a source is quiet for (minutes)");
    await quiet.fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("At least a minute.").isVisible(), POLL).toBe(true);
    await quiet.fill("30");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Saved.").isVisible(), POLL).toBe(true);
    await page.reload();
    expect(await page.getByLabel("Warn when a source is quiet for (minutes)").inputValue()).toBe("30");
    // A poller that sent records 45 minutes ago has gone quiet under the new threshold.
    const { db } = await import("@/lib/db");
    const poller = await db.ingestSource.create({ data: { name: unique("api poller"), kind: "POLLER", lastRecordAt: new Date(Date.now() - 45 * 60_000) } });
    const status = await signedInPage(browser, base, security);
    await status.goto(`${base}/ingest`);
    expect(await status.getByText(/sources warn when quiet for more than 30 min/).isVisible()).toBe(true);
    expect(await status.getByRole("alert").filter({ hasText: "A source has gone quiet" }).innerText()).toContain(`${poller.name}: no records for 45 min`);
    expect(await status.getByRole("region", { name: poller.name }).getByText("quiet for 45 min").isVisible()).toBe(true);
    await status.screenshot({ path: screenshotPath("ingest-status-quiet-desktop"), fullPage: true });
    // Back to the defaults, for the other test files on this server.
    const { INGEST_DEFAULTS, updateIngestSettings } = await import("@/lib/ingest/settings");
    const { systemViewer } = await import("@/lib/auth/viewer");
    await updateIngestSettings({ viewer: systemViewer(), input: INGEST_DEFAULTS });
    await db.ingestSource.update({ where: { id: poller.id }, data: { lastRecordAt: null } });
    await page.context().close();
    await status.context().close();
  });
});

describe("file import and quarantine", () => {
  it("the security team uploads a gzip file, watches the progress bar, sees the summary, and finds the hostile record as text in the quarantine", async () => {
    const source = unique("e2e upload");
    const records: object[] = Array.from({ length: 1500 }, (_, i) => auditRecord({ actionDetails: `import ${i} ${"x".repeat(200)}` }));
    records.push(flowRecord({ entries: 4, seed: 3 }), { note: HOSTILE });
    const file = gzipSync(records.map((r) => JSON.stringify(r)).join("\n"));
    const page = await signedInPage(browser, base, security);
    await page.goto(`${base}/ingest/import`);
    await page.screenshot({ path: screenshotPath("ingest-import-empty-desktop"), fullPage: true });
    // A slow uplink, so the progress bar has time to move.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: Math.ceil(file.length / 3) });

    await page.getByLabel("Log file").setInputFiles({ name: "2026-06-01-export.ndjson.gz", mimeType: "application/gzip", buffer: file });
    await page.getByLabel("Source name (optional)").fill(source);
    await page.getByRole("button", { name: "Upload and import" }).click();
    const bar = page.getByRole("progressbar");
    await bar.waitFor({ state: "visible", timeout: 10_000 });
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), POLL).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("ingest-import-progress-desktop"), fullPage: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const summary = page.getByTestId("import-summary");
    await expect.poll(() => summary.isVisible(), POLL).toBe(true);
    const text = await summary.innerText();
    expect(text).toMatch(/Read\s*1,502/);
    expect(text).toMatch(/Stored\s*1,505\s*1,500 audit events, 5 flow entries/);
    expect(text).toMatch(/Duplicates\s*0/);
    expect(text).toMatch(/Quarantined\s*1/);
    await shoot(page, "ingest-import-summary");

    // The same file again: everything is a duplicate.
    await page.getByLabel("Log file").setInputFiles({ name: "2026-06-01-export.ndjson.gz", mimeType: "application/gzip", buffer: file });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await expect.poll(async () => (await summary.innerText()).match(/Duplicates\s*([\d,]+)/)?.[1], POLL).toBe("1,505");

    await page.getByRole("link", { name: "quarantine", exact: true }).click();
    await page.waitForURL(`${base}/ingest/quarantine`);
    await page.getByLabel("Source", { exact: true }).selectOption({ label: `${source} (2)` });
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/source=\d+/);
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.first().innerText()).toContain("not a Tailscale audit or flow record");
    await shoot(page, "ingest-quarantine");

    await rows.first().getByRole("link").click();
    await page.waitForURL(/\/ingest\/quarantine\/\d+$/);
    const raw = page.getByTestId("quarantine-raw");
    expect(await raw.innerText()).toBe(JSON.stringify({ note: HOSTILE }));
    expect(await raw.locator("script, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.getByTestId("quarantine-reason").innerText()).toMatch(/neither nodeId nor actor and action/);
    await shoot(page, "ingest-quarantine-detail");
    await page.context().close();
  });

  it("the upload endpoint answers bad requests with clear 4xx", async () => {
    const page = await signedInPage(browser, base, security);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const upload = (query: string, body: string, headers: Record<string, string> = { cookie, origin: base }) =>
      fetch(`${base}/api/ingest/import?${query}`, { method: "POST", headers, body });
    const expectError = async (response: Response, status: number, message: RegExp) => {
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
    };
    const good = JSON.stringify(auditRecord());

    await expectError(await upload("name=a.json", good, {}), 401, /API token/);
    await expectError(await upload("name=a.json", good, { cookie }), 403, /Cross-site/);
    await expectError(await upload("name=a.json", good, { cookie, origin: "https://evil.example" }), 403, /Cross-site/);
    await expectError(await upload("", good), 422, /file's name/);
    await expectError(await upload("name=payload.exe", good), 422, /\.json, \.ndjson, \.gz or \.zst/);
    await expectError(await upload(`name=${encodeURIComponent("a\u0000.json")}`, good), 422, /control characters/);
    await expectError(await upload("name=a.json", "hello, this is not JSON"), 400, /not JSON/);
    await expectError(await upload("name=a.json.gz", "plain text, not gzip"), 400, /not valid gzip/);
    await expectError(await upload("name=a.json", ""), 400, /empty/);
    await expectError(await upload(`name=a.json&source=${encodeURIComponent(HOSTILE)}`, good), 422, /source name may hold/);

    // A declared size over the limit is refused before anything is read.
    const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/ingest/import?name=big.json.gz`, { method: "POST", headers: { cookie, origin: base, "content-length": String(2 * 1024 ** 3) } }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => {
          resolve({ status: res.statusCode!, body });
          req.destroy();
        });
      });
      req.on("error", reject);
      req.write("x");
    });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.message).toMatch(/larger than 1024 MiB/);

    const employee = await makeUser([], "employee upload passphrase", { ready: true });
    const other = await signedInPage(browser, base, employee);
    const employeeCookie = (await other.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await expectError(await upload("name=a.json", good, { cookie: employeeCookie, origin: base }), 403, /permission/);
    await page.context().close();
    await other.context().close();
  });
});

describe("large uploads", () => {
  it("streams a body larger than the request proxy would buffer, and every record in it arrives", async () => {
    const page = await signedInPage(browser, base, security);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const [first, last] = [auditRecord(), auditRecord({ action: "ENABLE" })];
    // 40 MiB of blank lines between two records: past the 27 MiB the proxy would cut a body at.
    const body = new Blob([JSON.stringify(first), " \n".repeat(20 * 1024 * 1024), JSON.stringify(last)]);
    const response = await fetch(`${base}/api/ingest/import?name=large.ndjson&source=${encodeURIComponent(unique("large upload"))}`, { method: "POST", headers: { cookie, origin: base }, body });
    expect(response.status).toBe(200);
    expect((await response.json()).summary).toMatchObject({ read: 2, auditStored: 2, quarantined: 0, bytes: body.size });
    await page.context().close();
  });
});

describe("access", () => {
  it("an employee gets 404 on every ingest page; the security team on the admin page; the COO on all but none of them", async () => {
    const employee = await makeUser([], "employee ingest passphrase", { ready: true });
    const coo = await makeUser(["COO"], "coo ingest passphrase", { ready: true });
    const pages = ["/ingest", "/ingest/quarantine", "/ingest/quarantine/1", "/ingest/import", "/admin/ingest"];
    for (const user of [employee, coo]) {
      const page = await signedInPage(browser, base, user);
      for (const path of pages) {
        await expectNotFoundPage(page, `${base}${path}`);
      }
      await page.context().close();
    }
    const page = await signedInPage(browser, base, security);
    expect((await page.goto(`${base}/admin/ingest`))?.status()).toBe(404);
    expect((await page.goto(`${base}/ingest/quarantine/99999999999`))?.status()).toBe(404);
    expect((await page.goto(`${base}/ingest/quarantine/${encodeURIComponent("<script>")}`))?.status()).toBe(404);
    expect((await page.goto(`${base}/ingest/quarantine?source=${encodeURIComponent("<script>")}&page=-4`))?.status()).toBe(200);
    expect(await page.getByText("Some filters were not understood and were ignored").isVisible()).toBe(true);
    await page.context().close();
  });
});
