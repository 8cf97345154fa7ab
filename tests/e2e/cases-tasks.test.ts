// Case tasks, templates, observables and comments in Chromium against the running app: a case
// opened from a template shows its checklist, a task is completed and commented on; a template
// is edited; an observable added by hand shows the other case that has it; a comment mentions a
// colleague through the autocomplete. A COO_ONLY case's tabs do not exist for SECURITY.
// Screenshots (desktop and 390 px dark) land in test-results/screenshots.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { expectNotFoundPage, signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { asUserViewer, systemViewer } = await import("@/lib/auth/viewer");
const { createApiToken } = await import("@/lib/tokens/api-tokens");
const { createCase } = await import("@/lib/cases/create-case");
const { addObservable } = await import("@/lib/cases/observables");
const { createCaseTemplate } = await import("@/lib/cases/templates-admin");
const { makeUser } = await import("../support/db-helpers");

const POLL = { timeout: 20_000, interval: 250 };
const run = randomBytes(4).toString("hex");
const ip = `100.${(parseInt(run.slice(0, 2), 16) % 200) + 1}.${parseInt(run.slice(2, 4), 16)}.${parseInt(run.slice(4, 6), 16)}`;
let browser: Browser;
let page: Page;
let security: Awaited<ReturnType<typeof makeUser>>;
let colleague: Awaited<ReturnType<typeof makeUser>>;
let caseA: string;
let caseB: string;
let sealed: string;
let templateKind: string;

async function phoneDark(name: string, url: string) {
  const dark = await (await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark", storageState: await page.context().storageState() })).newPage();
  await dark.goto(url);
  await dark.waitForLoadState("networkidle");
  await dark.screenshot({ path: screenshotPath(`${name}-phone-dark`), fullPage: true });
  expect(await dark.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await dark.context().close();
}

beforeAll(async () => {
  browser = await launchBrowser();
  security = await makeUser(["SECURITY"], "tasks passphrase 1", { ready: true });
  colleague = await makeUser(["SECURITY"], "tasks passphrase 2", { ready: true });
  const coo = await makeUser(["COO"], "tasks passphrase 3", { ready: true });
  const viewer = asUserViewer(security);
  caseA = (await createCase({ viewer, input: { title: `Stolen key ${run}`, severity: "HIGH", template: "compromised-device-or-key" } })).reference;
  caseB = (await createCase({ viewer, input: { title: `Earlier scan ${run}`, severity: "LOW" } })).reference;
  await addObservable({ viewer, reference: caseB, input: { type: "IP", value: ip } });
  sealed = (await createCase({ viewer: asUserViewer(coo), input: { title: `Sealed ${run}`, severity: "LOW", visibility: "COO_ONLY" } })).reference;
  templateKind = (await createCaseTemplate({ viewer, input: { name: `Lost badge ${run}`, description: "A door badge was lost.", tasks: [{ title: "Disable the badge", required: true }] } })).kind;
  token = (await createApiToken({ viewer: systemViewer(), forUser: security.email, input: { name: "cases tasks test" } })).token;
  page = await signedInPage(browser, base, security);
}, 60_000);

let token: string;
async function call(path: string, method = "GET", body?: unknown) {
  const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: Record<string, unknown> & { error?: { code: string; message: string } } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = { raw: text };
  }
  return { status: response.status, body: json };
}
afterAll(async () => browser?.close());

describe("case tasks, templates, observables and comments in the browser", () => {
  it("completes a template task and comments on it", async () => {
    await page.goto(`${base}/cases/${caseA}/tasks`);
    const task = page.getByTestId("task").filter({ has: page.getByRole("heading", { name: "Confirm and scope" }) });
    await task.getByRole("button", { name: "Mark done: Confirm and scope" }).click();
    await expect.poll(() => task.getByText("Done", { exact: true }).isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByTestId("progress-required").textContent(), POLL).toMatch(/^Required tasks done1 of \d+$/);
    await task.getByText("Comments (0)").click();
    await task.getByRole("textbox", { name: "Comment", exact: true }).fill("Scoped: one laptop, key revoked.");
    await task.getByRole("button", { name: "Add comment" }).click();
    await expect.poll(() => task.getByText("Scoped: one laptop, key revoked.").isVisible(), POLL).toBe(true);
    // A due date in the past is refused with a clear message.
    const add = page.getByRole("form", { name: "Add a task" });
    await add.getByLabel("Title", { exact: true }).fill("Back-dated task");
    await add.getByLabel("Due date").evaluate((el: HTMLInputElement) => el.removeAttribute("min"));
    await add.getByLabel("Due date").fill("2020-01-01");
    await add.getByRole("button", { name: "Add task" }).click();
    await expect.poll(() => page.getByText("The due date is in the past.").isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("case-tasks"), fullPage: true });
    await phoneDark("case-tasks", `${base}/cases/${caseA}/tasks`);
  });

  it("edits a template's checklist", async () => {
    await page.goto(`${base}/cases/templates`);
    await expect.poll(() => page.getByRole("link", { name: `Lost badge ${run}` }).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("case-templates"), fullPage: true });
    await page.getByRole("link", { name: `Lost badge ${run}` }).click();
    await page.getByRole("button", { name: "Add a task" }).click();
    await page.getByLabel("Task 2", { exact: true }).fill("Check the door logs");
    await page.getByRole("button", { name: "Move task 2 up" }).click();
    await page.getByRole("button", { name: "Save template" }).click();
    await expect.poll(() => page.getByText(/Template saved/).isVisible(), POLL).toBe(true);
    await page.reload();
    expect(await page.getByLabel("Task 1", { exact: true }).inputValue()).toBe("Check the door logs");
    expect(await page.getByLabel("Task 2", { exact: true }).inputValue()).toBe("Disable the badge");
    await page.screenshot({ path: screenshotPath("case-template-editor"), fullPage: true });
    await phoneDark("case-template-editor", `${base}/cases/templates/${templateKind}`);
  });

  it("adds an observable by hand and shows the other case that has it", async () => {
    await page.goto(`${base}/cases/${caseA}/observables`);
    await page.getByLabel("Type").selectOption("IP");
    await page.getByRole("textbox", { name: "Value" }).fill("not-an-ip");
    await page.getByRole("button", { name: "Add observable" }).click();
    await expect.poll(() => page.getByText(/That is not an IPv4 or IPv6 address/).isVisible(), POLL).toBe(true);
    await page.getByRole("textbox", { name: "Value" }).fill(ip);
    await page.getByRole("button", { name: "Add observable" }).click();
    const row = page.getByTestId("observable").filter({ hasText: ip });
    await expect.poll(() => row.getByRole("link", { name: caseB }).isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("case-observables"), fullPage: true });
    await phoneDark("case-observables", `${base}/cases/${caseA}/observables`);
  });

  it("posts a comment that mentions a colleague", async () => {
    await page.goto(`${base}/cases/${caseA}/activity`);
    const handle = colleague.email.slice(0, colleague.email.indexOf("@"));
    const box = page.getByRole("textbox", { name: "Comment", exact: true });
    await box.click();
    // Most of the handle: the shared database holds many security-… people, and the list shows six.
    await box.pressSequentially(`Please check the door logs @${handle.slice(0, -1)}`);
    const suggestion = page.getByRole("list", { name: "People you can mention" }).getByRole("button", { name: new RegExp(handle) });
    // Keys typed before the page's scripts took over do not open the list: the next key does.
    await expect
      .poll(async () => {
        if (await suggestion.isVisible()) return true;
        await box.press("End");
        return false;
      }, POLL)
      .toBe(true);
    await suggestion.click();
    await box.pressSequentially("today.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => page.getByText(/will be notified/).isVisible(), POLL).toBe(true);
    const comment = page.getByTestId("comment").filter({ hasText: "Please check the door logs" });
    expect(await comment.locator("mark").textContent()).toBe(`@${handle}`);
    await expect.poll(() => page.getByTestId("audit-row").filter({ hasText: "Comment posted" }).count(), POLL).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("case-activity"), fullPage: true });
    await phoneDark("case-activity", `${base}/cases/${caseA}/activity`);
  });

  it("shows SECURITY no trace of a COO_ONLY case", async () => {
    for (const tab of ["tasks", "observables", "activity"]) await expectNotFoundPage(page, `${base}/cases/${sealed}/${tab}`);
    for (const part of ["tasks", "observables", "comments"]) expect((await call(`/api/v1/cases/${sealed}/${part}`)).status).toBe(404);
  });

  it("works tasks, observables and comments over the REST API, bad input a clear 4xx", async () => {
    const listed = await call(`/api/v1/cases/${caseA}/tasks`);
    expect(listed.status).toBe(200);
    expect((listed.body.progress as { requiredDone: number }).requiredDone).toBe(1);
    const { version } = (await call(`/api/v1/cases/${caseA}`)).body as { version: number };
    const past = await call(`/api/v1/cases/${caseA}/tasks`, "POST", { version, title: "Late", dueAt: "2020-01-01" });
    expect(past.status).toBe(422);
    expect(past.body.error!.message).toContain("in the past");
    expect((await call(`/api/v1/cases/${caseA}/tasks`, "POST", "{not json")).status).toBe(400);
    expect((await call(`/api/v1/cases/${caseA}/tasks`, "POST", { version: version + 7, title: "Stale" })).status).toBe(409);
    const added = await call(`/api/v1/cases/${caseA}/tasks`, "POST", { version, title: "Rotate the API keys", required: true, dueAt: "2099-01-01" });
    expect(added.status).toBe(201);
    expect((await call(`/api/v1/cases/${caseA}/observables`, "POST", { type: "MAC", value: "x" })).status).toBe(422);
    expect((await call(`/api/v1/cases/${caseA}/observables`, "POST", { type: "DOMAIN", value: `exfil-${run}.example.net` })).status).toBe(201);
    const found = await call(`/api/v1/cases/${caseA}/observables?q=exfil-${run}`);
    expect((found.body.observables as { value: string }[]).map((o) => o.value)).toEqual([`exfil-${run}.example.net`]);
    expect((await call(`/api/v1/cases/${caseA}/comments`, "POST", { body: `@nobody-${run} look` })).status).toBe(422);
    const posted = await call(`/api/v1/cases/${caseA}/comments`, "POST", { body: "Keys rotated." });
    expect(posted.status).toBe(201);
    expect(((await call(`/api/v1/cases/${caseA}/comments`)).body.comments as { body: string }[]).at(-1)!.body).toBe("Keys rotated.");
  });
});
