// Alerts end to end: a Tailscale audit record streamed into the running app raises an alert
// within seconds; the REST API lists, shows and changes it (to the security team and the COO
// only, bad input a clear 4xx); in Chromium it appears in the queue, is acknowledged with the
// keyboard and dismissed with a reason. Screenshots land in test-results/screenshots.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { signedInPage } from "../support/browser-session";
import { auditRecord, hecBody } from "../support/tailscale-records";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { systemViewer } = await import("@/lib/auth/viewer");
const { createIngestToken } = await import("@/lib/ingest/sources");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor, callApi } = await import("../support/api-client");

const RULE = "Tailscale.Audit.HTTPSDisabled";
const POLL = { timeout: 20_000, interval: 250 };
const run = randomBytes(4).toString("hex");
const tokens: Record<string, string> = {};
let ingestToken: string;
let browser: Browser;
let security: Awaited<ReturnType<typeof makeUser>>;
let securityEmail: string;

const call = (who: string | null, path: string, init: RequestInit = {}) => callApi(base, who ? tokens[who]! : null, path, init);
const patch = (who: string, id: number | string, body: unknown) => call(who, `/api/v1/alerts/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** An HTTPS-disabled record of its own tailnet and actor, a minute ago, streamed as Tailscale does. */
async function streamHttpsDisabled(name: string) {
  const tailnet = `${name}-${run}.example`;
  const login = `${name}-${run}@example.com`;
  const record = auditRecord({ eventGroupID: randomBytes(16).toString("hex"), origin: "CONFIG_API", actor: { id: `u${run}`, type: "USER", loginName: login, displayName: name }, target: { id: tailnet, name: tailnet, type: "TAILNET", property: "HTTPS" }, action: "DISABLE", old: true, new: false }, Date.now() - 60_000);
  const response = await fetch(`${base}/services/collector/event`, { method: "POST", headers: { authorization: `Splunk ${ingestToken}` }, body: hecBody([record]) });
  expect(response.status).toBe(200);
  return { tailnet, login };
}

type ApiAlert = { id: number; dedupKey: string; status: string; version: number; title: string; severity: string; assignee: { email: string } | null; dismissal: string | null };
async function alertOf(tailnet: string): Promise<ApiAlert> {
  let found: ApiAlert | undefined;
  await expect
    .poll(async () => {
      const { body } = await call("security", `/api/v1/alerts?rule=${RULE}&status=OPEN,ACKNOWLEDGED,DISMISSED&limit=200`);
      found = (body.alerts as ApiAlert[]).find((a) => a.dedupKey === `${tailnet}:HTTPS`);
      return !!found;
    }, POLL)
    .toBe(true);
  return found!;
}

beforeAll(async () => {
  browser = await launchBrowser();
  security = await makeUser(["SECURITY"], "security alerts passphrase", { ready: true });
  for (const [who, roles] of [["security", ["SECURITY"]], ["coo", ["COO"]], ["admin", ["ADMIN"]], ["employee", []]] as const) {
    const user = await makeUser([...roles]);
    if (who === "security") securityEmail = user.email;
    tokens[who] = await apiTokenFor(user, "alerts test");
  }
  ingestToken = (await createIngestToken({ viewer: systemViewer(), input: { name: `alerts-e2e-${run}` } })).token;
});
afterAll(async () => browser?.close());

describe("alert REST API", () => {
  it("is for the security team and the COO only", async () => {
    expect((await call(null, "/api/v1/alerts")).status).toBe(401);
    expect((await call("employee", "/api/v1/alerts")).status).toBe(403);
    expect((await call("admin", "/api/v1/alerts")).status).toBe(403);
    expect((await call("admin", "/api/v1/rules")).status).toBe(403);
    expect((await call("coo", "/api/v1/alerts")).status).toBe(200);
    expect((await call("security", "/api/v1/rules")).status).toBe(200);
  });

  it("lists, filters and shows an alert raised from a streamed record, and changes it at its version", async () => {
    const { tailnet, login } = await streamHttpsDisabled("api");
    const alert = await alertOf(tailnet);
    expect(alert).toMatchObject({ status: "OPEN", severity: "HIGH", title: `HTTPS certificates disabled by ${login} through the API` });

    const filtered = await call("coo", `/api/v1/alerts?status=open&severity=HIGH,CRITICAL&rule=${RULE}&since=${new Date(Date.now() - 3_600_000).toISOString()}&limit=200`);
    expect(filtered.status).toBe(200);
    expect((filtered.body.alerts as ApiAlert[]).map((a) => a.id)).toContain(alert.id);
    expect(filtered.body.statusCounts).toMatchObject({ OPEN: expect.any(Number) });
    expect((await call("coo", `/api/v1/alerts?severity=LOW&rule=${RULE}&limit=200`)).body.alerts as ApiAlert[]).not.toContainEqual(expect.objectContaining({ id: alert.id }));
    const paged = await call("coo", `/api/v1/alerts?limit=1&sort=severity`);
    expect(paged.status).toBe(200);
    if (paged.body.nextCursor) expect((await call("coo", `/api/v1/alerts?limit=1&sort=severity&before=${paged.body.nextCursor}`)).status).toBe(200);

    const one = await call("coo", `/api/v1/alerts/${alert.id}`);
    expect(one.status).toBe(200);
    expect(one.body.events).toEqual([expect.objectContaining({ kind: "audit", isRelated: false, matchedFields: ["target.type", "target.property", "action"], auditEventId: expect.any(String) })]);
    expect(one.body.rule).toMatchObject({ id: RULE, runbook: expect.any(Array) });
    const auditId = (one.body.events as { auditEventId: string }[])[0]!.auditEventId;
    expect((await call("coo", `/api/v1/audit-events/${auditId}`)).status).toBe(200);

    expect((await patch("coo", alert.id, { status: "ACKNOWLEDGED", version: alert.version })).status).toBe(403);
    const acknowledged = await patch("security", alert.id, { status: "ACKNOWLEDGED", assignee: securityEmail, version: alert.version });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.alert).toMatchObject({ status: "ACKNOWLEDGED", assignee: { email: securityEmail } });
    const stale = await patch("security", alert.id, { status: "DISMISSED", dismissal: "BENIGN", reason: "test", version: alert.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toMatch(/changed since you loaded it/);
    const version = (acknowledged.body.alert as ApiAlert).version;
    expect((await patch("security", alert.id, { status: "DISMISSED", dismissal: "BENIGN", version })).status).toBe(422);
    const dismissed = await patch("security", alert.id, { status: "DISMISSED", dismissal: "BENIGN", reason: "E2E test record", version });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.alert).toMatchObject({ status: "DISMISSED", dismissal: "BENIGN" });

    const rules = await call("coo", "/api/v1/rules");
    expect((rules.body.rules as { id: string; alertCount: number }[]).find((r) => r.id === RULE)!.alertCount).toBeGreaterThan(0);
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/alerts", "/api/v1/alerts/{id}", "/api/v1/rules"]));
    expect(doc.paths["/api/v1/alerts/{id}"].patch.responses).toHaveProperty("409");
  });

  it("answers bad input with a clear 4xx, never a 5xx", async () => {
    const bad: [string, number][] = [
      ["/api/v1/alerts?status=SHOUTING", 422],
      ["/api/v1/alerts?severity=1", 422],
      ["/api/v1/alerts?limit=abc", 422],
      ["/api/v1/alerts?limit=100000", 422],
      ["/api/v1/alerts?since=yesterday", 422],
      ["/api/v1/alerts?before=not-a-cursor", 422],
      ["/api/v1/alerts?sort=random", 422],
      ["/api/v1/alerts?rule=%00", 422],
      ["/api/v1/alerts?colour=red", 400],
      ["/api/v1/alerts?status=OPEN&status=DISMISSED", 400],
      ["/api/v1/alerts/abc", 404],
      ["/api/v1/alerts/-1", 404],
      ["/api/v1/alerts/1e3", 404],
      ["/api/v1/alerts/99999999999999999999", 404],
      ["/api/v1/alerts/2147483000", 404],
    ];
    for (const [path, status] of bad) {
      const response = await call("security", path);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.body.error?.message, path).toBeTruthy();
    }
    const raw = (body: string, type = "application/json") => call("security", "/api/v1/alerts/1", { method: "PATCH", headers: { "content-type": type }, body });
    expect((await raw("{not json")).status).toBe(400);
    expect((await raw("status=OPEN", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await raw(" ".repeat(2 * 1024 * 1024))).status).toBe(413);
    for (const body of [{}, { version: "1" }, { status: "LINKED", version: 1 }, { status: 7, version: 1 }, { assignee: 5, version: 1 }, { status: "OPEN", version: 1, extra: true }, [], null, "OPEN"]) {
      const response = await raw(JSON.stringify(body));
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
    }
    expect((await patch("security", "abc", { status: "OPEN", version: 0 })).status).toBe(404);
    expect((await patch("security", 2147483000, { status: "OPEN", version: 0 })).status).toBe(404);
    expect((await call("security", "/api/alerts/new-count?since=never")).status).toBe(400);
  });
});

describe("in the browser", () => {
  let page: Page;
  it("an alert arrives in the queue, is acknowledged with the keyboard and dismissed with a reason", async () => {
    page = await signedInPage(browser, base, security);
    await page.goto(`${base}/alerts?status=all&q=${run}`);
    await expect.poll(() => page.getByRole("heading", { name: "Alerts", level: 1 }).isVisible(), POLL).toBe(true);
    const { tailnet, login } = await streamHttpsDisabled("browser");
    await alertOf(tailnet);
    // The live counter notices within its 10-second round; showing reloads the queue.
    await expect.poll(() => page.getByTestId("new-alerts").isVisible(), { timeout: 25_000, interval: 500 }).toBe(true);
    await page.getByTestId("new-alerts").click();
    const row = page.getByRole("row").filter({ hasText: login });
    await expect.poll(() => row.isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("alerts-queue"), fullPage: true });

    await page.keyboard.press("j");
    await page.keyboard.press("a");
    await expect.poll(() => row.getByTestId("alert-status").innerText(), POLL).toBe("Acknowledged");

    await page.keyboard.press("?");
    await expect.poll(() => page.getByRole("dialog", { name: "Keyboard shortcuts" }).isVisible(), POLL).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count(), POLL).toBe(0);

    await page.keyboard.press("d");
    const dialog = page.getByRole("dialog", { name: /Dismiss 1 alert/ });
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    await dialog.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => dialog.getByText("Give a reason").isVisible(), POLL).toBe(true);
    await dialog.getByLabel("What was it?").selectOption("BENIGN");
    await dialog.getByLabel("Reason").fill("End-to-end test record");
    await dialog.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => row.getByTestId("alert-status").innerText(), POLL).toBe("Dismissed");
    await expect.poll(() => page.getByText("1 alert dismissed.").isVisible(), POLL).toBe(true);

    await row.getByRole("link").first().click();
    await page.waitForURL(/\/alerts\/\d+$/);
    await expect.poll(() => page.getByText("Dismissed: Benign").isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByText("End-to-end test record").isVisible(), POLL).toBe(true);
    expect(await page.locator("[data-matched]").count()).toBe(6);
    await page.screenshot({ path: screenshotPath("alert-page"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("alert-page-phone"), fullPage: true });
    await page.goto(`${base}/alerts?status=all&q=${run}`);
    await page.screenshot({ path: screenshotPath("alerts-queue-phone"), fullPage: true });
  });

  it("shows the rules, a rule's try-it box and the thresholds", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/rules`);
    await expect.poll(() => page.getByRole("link", { name: "HTTPS certificates disabled" }).isVisible(), POLL).toBe(true);
    // As installed, the lists that keep two rules quiet are empty: the page says so.
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Sensitive-port allow-list" }).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("rules"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("rules-phone"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/rules/${RULE}`);
    await page.getByRole("button", { name: "Run the rule" }).click();
    await expect.poll(() => page.getByTestId("try-result").getByText("Raises an alert").isVisible(), POLL).toBe(true);
    await page.getByLabel("A log record as JSON").fill("{oops");
    await page.getByRole("button", { name: "Run the rule" }).click();
    await expect.poll(() => page.getByText(/not valid JSON/).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("rule-page"), fullPage: true });
    await page.goto(`${base}/rules/settings`);
    await page.getByLabel("Ports", { exact: true }).fill("22, 3389, http");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText(/Not a port number: http/).isVisible(), POLL).toBe(true);
    await page.getByLabel("Ports", { exact: true }).fill("22\n3389\n5432");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Detection settings saved.").isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("rule-settings"), fullPage: true });
  });
});
