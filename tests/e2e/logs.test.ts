// Browsing the stored Tailscale logs: records streamed in through the HEC endpoint come back
// through the REST API and the pages, to the security team and the COO and to no one else;
// hostile and mistyped queries get a clear 4xx.
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";
import { auditRecord, flowRecord, hecBody } from "../support/tailscale-records";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { systemViewer } = await import("@/lib/auth/viewer");
const { createIngestToken } = await import("@/lib/ingest/sources");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor } = await import("../support/api-client");
const POLL = { timeout: 15_000 };

// A policy file and its next version: one destination narrowed.
const policy = (dst: string) =>
  `// Tailnet policy\n${JSON.stringify({ groups: { "group:eng": ["alice@example.com"] }, tagOwners: { "tag:prod": ["group:eng"] }, acls: [{ action: "accept", src: ["group:eng"], dst: [dst] }] }, null, 2)}\n`;
const POLICY_BEFORE = policy("*:*");
const POLICY_AFTER = policy("tag:prod:443");

const run = randomBytes(4).toString("hex");
const actor = `e2e-${run}@example.com`;
const node = `nE2e${run}CNTRL`;
const peer = `nE2ePeer${run}CNTRL`;
const tokens: Record<string, string> = {};
let browser: Browser;
let security: Awaited<ReturnType<typeof makeUser>>;

const api = async (who: string | null, path: string) => {
  const response = await fetch(`${base}${path}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
};

beforeAll(async () => {
  browser = await launchBrowser();
  security = await makeUser(["SECURITY"], "security logs passphrase", { ready: true });
  for (const [who, roles] of [["security", ["SECURITY"]], ["coo", ["COO"]], ["admin", ["ADMIN"]], ["employee", []]] as const) {
    const user = await makeUser([...roles]);
    tokens[who] = await apiTokenFor(user, "logs test");
  }
  const { token } = await createIngestToken({ viewer: systemViewer(), input: { name: `logs-e2e-${run}` } });
  const who = { id: `u${run}`, type: "USER", loginName: actor, displayName: "Erin Example" };
  const at = Date.now() - 10 * 60_000;
  const records = [
    auditRecord({ actor: who, action: "DISABLE", target: { id: "example.com", name: "example.com", type: "TAILNET", property: "HTTPS" }, old: true, new: false }, at),
    auditRecord({ actor: who, action: "UPDATE", target: { id: "example.com", name: "example.com", type: "TAILNET", property: "ACL" }, old: `{"acls": []}`, new: `{\n  "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]\n}` }, at + 1000),
    auditRecord({ actor: who, action: "UPDATE", target: { id: node, name: "build-server", type: "NODE", property: "ACL_TAGS" }, old: [], new: ["tag:ci"] }, at + 2000),
    auditRecord({ actor: { ...who, type: "OAUTH_CLIENT" }, action: "CREATE", target: { id: "k1", name: "<script>alert(1)</script>", type: "API_KEY" }, error: "insufficient scope" }, at + 3000),
    // Another actor, so the config log counts above stay as they are.
    auditRecord({ actor: { ...who, loginName: `policy-${run}@example.org` }, action: "UPDATE", target: { id: "example.com", name: "example.com", type: "TAILNET", property: "ACL" }, old: POLICY_BEFORE, new: POLICY_AFTER }, at + 4000),
    flowRecord({ node, peer, at, entries: 4, seed: 1 }),
    flowRecord({ node, peer, at: Date.now() - 60_000, entries: 2, seed: 2 }),
  ];
  const response = await fetch(`${base}/services/collector/event`, { method: "POST", headers: { authorization: `Splunk ${token}` }, body: hecBody(records) });
  expect(response.status).toBe(200);
  // The device inventory is written within a second of the batch.
  for (let waited = 0; (await api("security", `/api/v1/devices/${peer}`)).status !== 200; waited += 200) {
    if (waited > POLL.timeout) throw new Error("the device inventory was not written");
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(async () => browser?.close());

describe("log REST API", () => {
  it("returns audit events newest first, a page at a time, and one in full", async () => {
    const first = await api("security", `/api/v1/audit-events?actor=${encodeURIComponent(actor)}&limit=3`);
    expect(first.status).toBe(200);
    const events = first.body.events as { id: string; action: string; target: { property: string | null } }[];
    expect(events.map((e) => e.action)).toEqual(["CREATE", "UPDATE", "UPDATE"]);
    const second = await api("security", `/api/v1/audit-events?actor=${encodeURIComponent(actor)}&limit=3&before=${first.body.nextCursor}`);
    expect((second.body.events as { action: string }[]).map((e) => e.action)).toEqual(["DISABLE"]);
    expect(second.body.nextCursor).toBeNull();

    const acl = events.find((e) => e.target.property === "ACL")!;
    const one = await api("coo", `/api/v1/audit-events/${acl.id}`);
    expect(one.status).toBe(200);
    expect(one.body.event).toMatchObject({ id: acl.id, actor: { loginName: actor }, old: `{"acls": []}` });
    expect(String((one.body.event as { new: string }).new)).toContain(`"dst": ["*:*"]`);

    const failed = await api("security", `/api/v1/audit-events?actor=${encodeURIComponent(actor)}&failed=true&actorType=oauth_client`);
    expect((failed.body.events as { error: string }[]).map((e) => e.error)).toEqual(["insufficient scope"]);
  });

  it("returns flows with named ends, and devices with their status", async () => {
    const flows = await api("security", `/api/v1/flows?node=${node}&kind=virtual&proto=tcp&dst=100.64.0.0/24&port=443`);
    expect(flows.status).toBe(200);
    const list = flows.body.flows as { node: { nodeId: string }; dst: { port: number; node: { nodeId: string } | null }; txBytes: number }[];
    expect(list).toHaveLength(6);
    expect(list[0]).toMatchObject({ node: { nodeId: node }, dst: { port: 443, node: { nodeId: peer } } });
    expect(typeof list[0]!.txBytes).toBe("number");

    const devices = await api("security", `/api/v1/devices?q=${run}`);
    expect((devices.body.devices as { nodeId: string; status: string }[]).map((d) => [d.nodeId, d.status]).sort()).toEqual([[node, "reporting"], [peer, "peer-only"]].sort());
    const device = await api("coo", `/api/v1/devices/${node}`);
    expect(device.status).toBe(200);
    expect((device.body.changes as { target: { property: string } }[]).map((c) => c.target.property)).toEqual(["ACL_TAGS"]);
    expect(device.body.flows as unknown[]).toHaveLength(8);

    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/audit-events", "/api/v1/audit-events/{id}", "/api/v1/flows", "/api/v1/flows/summary", "/api/v1/devices", "/api/v1/devices/{nodeId}"]));
  });

  it("sums the flows of a window, and reads the last hour when none is given", async () => {
    const listed = await api("security", `/api/v1/flows?node=${node}`);
    const window = listed.body.window as { from: string; until: string | null };
    expect(window.until).toBeNull();
    expect(Math.abs(Date.now() - 3_600_000 - Date.parse(window.from))).toBeLessThan(60_000);
    expect(listed.body.flows as unknown[]).toHaveLength(8);
    expect((await api("security", `/api/v1/flows?node=${node}&to=${new Date(Date.now() - 2 * 3_600_000).toISOString()}`)).body.flows).toEqual([]);

    const summary = await api("coo", `/api/v1/flows/summary?node=${node}`);
    expect(summary.status).toBe(200);
    // flowRecord: entry i sends 1000+i bytes and receives 900; the physical entry 500 and 600.
    const tx = 1000 + 1001 + 1002 + 1003 + 1000 + 1001 + 500 * 2;
    expect(summary.body.totals).toEqual({ entries: 8, txBytes: tx, rxBytes: 900 * 6 + 600 * 2, txPkts: 10 + 11 + 12 + 13 + 10 + 11 + 10, rxPkts: 8 * 6 + 10 });
    expect((summary.body.topNodes as { node: { nodeId: string }; bytes: number }[]).map((n) => [n.node.nodeId, n.bytes])).toEqual([[node, tx + 900 * 6 + 600 * 2]]);
    const series = summary.body.series as { bucketSeconds: number; points: { txBytes: number }[] };
    expect(series.bucketSeconds).toBe(60);
    expect(series.points.reduce((t, p) => t + p.txBytes, 0)).toBe(tx);
    for (const [path, status] of [
      ["/api/v1/flows/summary?before=1_1", 400],
      ["/api/v1/flows/summary?range=1y", 422],
      ["/api/v1/flows/summary?ip=not-an-ip", 422],
    ] as const) {
      const { status: got, body } = await api("security", path);
      expect(got, path).toBe(status);
      expect(body.error?.message.length, path).toBeGreaterThan(5);
    }
    expect((await api("admin", "/api/v1/flows/summary")).status).toBe(403);
    expect((await api(null, "/api/v1/flows/summary")).status).toBe(401);
  });

  it("serves the security team and the COO only", async () => {
    for (const path of ["/api/v1/audit-events", "/api/v1/flows", "/api/v1/devices", `/api/v1/devices/${node}`]) {
      expect((await api("admin", path)).status, path).toBe(403);
      expect((await api("employee", path)).status, path).toBe(403);
      expect((await api(null, path)).status, path).toBe(401);
      expect((await api("coo", path)).status, path).toBe(200);
    }
  });

  it("answers bad queries with a clear 4xx, never a 500", async () => {
    const cases: [string, number][] = [
      ["/api/v1/audit-events?acton=DISABLE", 400],
      ["/api/v1/audit-events?action=A&action=B", 400],
      ["/api/v1/audit-events?action=DROP%20TABLE%20audit_events", 422],
      ["/api/v1/audit-events?actor=a%00b", 422],
      [`/api/v1/audit-events?q=${"x".repeat(300)}`, 422],
      ["/api/v1/audit-events?from=2026-02-31", 422],
      ["/api/v1/audit-events?from=2026-11-02&to=2026-11-01", 422],
      ["/api/v1/audit-events?from=99999-01-01", 422],
      ["/api/v1/audit-events?before=%27%20OR%201%3D1--", 422],
      ["/api/v1/audit-events?before=1_99999999999999999999", 422],
      ["/api/v1/audit-events?limit=100000", 422],
      ["/api/v1/audit-events?limit=-1", 422],
      ["/api/v1/audit-events?failed=yes", 422],
      ["/api/v1/audit-events?range=forever", 422],
      ["/api/v1/flows?ip=1.2.3.4%27--", 422],
      ["/api/v1/flows?ip=100.64.0.0/99", 422],
      ["/api/v1/flows?proto=999", 422],
      ["/api/v1/flows?proto=%F0%9F%90%A6", 422],
      ["/api/v1/flows?kind=TELEPATHY", 422],
      ["/api/v1/flows?port=65536", 422],
      ["/api/v1/flows?port=http", 422],
      ["/api/v1/devices?status=gone", 422],
      ["/api/v1/devices?page=0", 422],
      ["/api/v1/audit-events/abc", 404],
      ["/api/v1/audit-events/99999999999999999999999", 404],
      ["/api/v1/audit-events/0", 404],
      ["/api/v1/devices/%25zz", 404],
      [`/api/v1/devices/${"n".repeat(500)}`, 404],
      ["/api/v1/devices/%00", 404],
    ];
    for (const [path, status] of cases) {
      const { status: got, body } = await api("security", path);
      expect(got, path).toBe(status);
      expect(body.error?.message.length, path).toBeGreaterThan(5);
    }
    // Hostile text is only ever a value: nothing matches it, nothing breaks.
    for (const q of ["' OR '1'='1", "%", "_", "\\", "<script>", "😀", "Robert'); DROP TABLE audit_events;--"]) {
      const { status } = await api("security", `/api/v1/audit-events?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
    }
    expect((await api("security", `/api/v1/devices?q=${encodeURIComponent("%' OR 1=1--")}`)).body.devices).toEqual([]);
  });
});

describe("log pages", () => {
  it("lets the security team browse the config log and read one change in full", async () => {
    const page = await signedInPage(browser, base, security);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Config log" }).click();
    await page.waitForURL(`${base}/logs/audit`);
    await page.getByLabel("Search").fill(actor);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/q=/);
    const rows = page.getByRole("table", { name: "Audit events, newest first" }).getByRole("row");
    await expect.poll(() => rows.count(), POLL).toBe(5);
    expect(await page.getByText("failed: insufficient scope").isVisible()).toBe(true);
    expect(await page.getByText("<script>alert(1)</script>").first().isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("logs-audit"), fullPage: true });

    await page.getByLabel("Setting").fill("acl");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => rows.count(), POLL).toBe(2);
    await rows.nth(1).getByRole("link").click();
    await page.waitForURL(/\/logs\/audit\/\d+$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("TAILNET · ACL");
    expect(await page.getByRole("figure", { name: "Line changes to the policy file" }).getByText(`"dst": ["*:*"]`).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("logs-audit-event"), fullPage: true });

    await page.goto(`${base}/logs/audit?from=2026-02-31&action=disable`);
    expect(await page.getByText("Use a date (2026-11-21)").isVisible()).toBe(true);
    expect(await page.getByLabel("Action").inputValue()).toBe("disable");
    await page.screenshot({ path: screenshotPath("logs-audit-bad-filter") });
  });

  it("shows a policy file change as a line diff, unchanged lines folded", async () => {
    const { body } = await api("security", `/api/v1/audit-events?actor=${encodeURIComponent(`policy-${run}@example.org`)}`);
    const [event] = body.events as { id: string }[];
    const page = await signedInPage(browser, base, security);
    await page.goto(`${base}/logs/audit/${event!.id}`);
    const diff = page.getByRole("figure", { name: "Line changes to the policy file" });
    expect(await diff.getByText("+1").isVisible()).toBe(true);
    expect(await diff.getByText("−1").isVisible()).toBe(true);
    // Marked for everyone, not by colour alone: a +/− column and a spoken word on each changed line.
    expect(await diff.locator("del").allTextContents()).toEqual([`removed: ${" ".repeat(8)}"*:*"`]);
    expect(await diff.locator("ins").allTextContents()).toEqual([`added: ${" ".repeat(8)}"tag:prod:443"`]);
    const folded = diff.getByText("16 unchanged lines (1–16)");
    expect(await folded.isVisible()).toBe(true);
    expect(await diff.getByText("// Tailnet policy").isVisible()).toBe(false);
    await folded.click();
    expect(await diff.getByText("// Tailnet policy").isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("logs-policy-diff"), fullPage: true });

    const phone = await signedInPage(browser, base, security, { width: 390, height: 844 });
    await phone.emulateMedia({ colorScheme: "dark" });
    await phone.goto(`${base}/logs/audit/${event!.id}`);
    await phone.screenshot({ path: screenshotPath("logs-policy-diff-phone-dark"), fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it("shows the flow log's totals, chart and top talkers for the range", async () => {
    const page = await signedInPage(browser, base, security);
    await page.goto(`${base}/logs/flows?node=${node}`);
    expect(await page.getByLabel("Time range").inputValue()).toBe("1h");
    expect(await page.locator('dl[aria-label="Totals for the range"]').innerText()).toMatch(/Entries\s+8\s+Sent\s+7.0 kB\s+7,007 bytes · 77 packets/i);
    const chart = page.getByRole("img", { name: /Bytes sent and received per minute/ });
    await expect.poll(() => chart.locator("svg path.recharts-curve").count(), POLL).toBe(2);
    const nodes = page.getByRole("table", { name: "Reporting nodes with the most bytes in the range" });
    expect(await nodes.getByRole("row").count()).toBe(2);
    await page.screenshot({ path: screenshotPath("logs-flows-summary"), fullPage: true });
    const pairs = page.getByRole("table", { name: "Source and destination addresses with the most bytes in the range" });
    await pairs.getByRole("link", { name: "100.64.0.2 to 203.0.113.7" }).click();
    await page.waitForURL(/src=100\.64\.0\.2&dst=203\.0\.113\.7/);
    expect(new URL(page.url()).searchParams.get("node")).toBe(node);
    const rows = page.getByRole("table", { name: "Flow log entries, newest first" }).getByRole("row");
    await expect.poll(() => rows.count(), POLL).toBe(3);
  });

  it("shows the flow log and a device with its traffic and changes", async () => {
    const page = await signedInPage(browser, base, security);
    await page.goto(`${base}/logs/flows`);
    await page.getByLabel("Reporting node").fill(node);
    await page.getByLabel("Kind").selectOption("PHYSICAL");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/kind=PHYSICAL/);
    const rows = page.getByRole("table", { name: "Flow log entries, newest first" }).getByRole("row");
    await expect.poll(() => rows.count(), POLL).toBe(3);
    expect(await page.getByText("203.0.113.7:41641").first().isVisible()).toBe(true);
    await page.getByLabel("Kind").selectOption("");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => rows.count(), POLL).toBe(9);
    await page.screenshot({ path: screenshotPath("logs-flows"), fullPage: true });

    await page.getByRole("link", { name: `${peer}.example.ts.net` }).first().click();
    await page.waitForURL(`${base}/devices/${peer}`);
    expect(await page.getByText("Peer only", { exact: true }).isVisible()).toBe(true);

    await page.goto(`${base}/devices?q=${run}`);
    await page.screenshot({ path: screenshotPath("logs-devices"), fullPage: true });
    await page.getByRole("link", { name: `${node}.example.ts.net` }).click();
    await page.waitForURL(`${base}/devices/${node}`);
    expect(await page.getByText("Reporting", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("table", { name: "Configuration changes to this device" }).getByText("ACL_TAGS").isVisible()).toBe(true);
    expect(await page.getByRole("table", { name: "Latest traffic this node reported" }).getByRole("row").count()).toBe(9);
    // The traffic summary: the 8 entries it reported in the last 24 hours, with totals and top talkers.
    expect(await page.getByRole("heading", { name: "Traffic it reported in the last 24 hours" }).isVisible()).toBe(true);
    expect(await page.getByLabel("Totals for the range").getByRole("definition").first().innerText()).toMatch(/^8\b/);
    expect(await page.getByRole("heading", { name: /Top/ }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("logs-device"), fullPage: true });
  });

  it("fits a phone in dark mode", async () => {
    const page = await signedInPage(browser, base, security, { width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    for (const [name, path] of [["logs-flows-phone-dark", `/logs/flows?node=${node}`], ["logs-device-phone-dark", `/devices/${node}`]] as const) {
      await page.goto(`${base}${path}`);
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
    }
  });

  it("is a page that does not exist for people without access", async () => {
    const admin = await makeUser(["ADMIN"], "admin logs passphrase", { ready: true });
    const page = await signedInPage(browser, base, admin);
    for (const path of ["/logs/audit", "/logs/flows", "/devices", `/devices/${node}`]) {
      await expectNotFoundPage(page, `${base}${path}`);
    }
    const securityPage = await signedInPage(browser, base, security);
    for (const path of ["/logs/audit/abc", "/logs/audit/99999999999999999999", "/devices/nNoSuchCNTRL", "/devices/%25zz"]) {
      expect((await securityPage.goto(`${base}${path}`))?.status(), path).toBe(404);
    }
  });
});
