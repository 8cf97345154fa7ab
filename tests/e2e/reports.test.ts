// Reporting in the browser: an employee files reports (one with an attachment, one Code of
// Conduct); the Security Review Team cannot find the Code of Conduct report by list, search or
// URL; the COO sees and answers it; the employee sees the answer.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";
import { signedInPage } from "../support/browser-session";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const POLL = { timeout: 15_000 };

let browser: Browser;
let employee: Awaited<ReturnType<typeof makeUser>>;
let security: Awaited<ReturnType<typeof makeUser>>;
let coo: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  browser = await launchBrowser();
  employee = await makeUser([], "employee report passphrase", { ready: true });
  security = await makeUser(["SECURITY"], "security report passphrase", { ready: true });
  coo = await makeUser(["COO"], "coo report passphrase", { ready: true });
});
afterAll(async () => browser?.close());

async function fileReport(page: Page, fields: { category: string; description: string; sensitive?: boolean; file?: { name: string; body: string } }) {
  await page.getByRole("link", { name: "Report something" }).first().click();
  await page.waitForURL(`${base}/report`);
  await page.getByLabel("What happened?").selectOption({ label: fields.category });
  await page.getByLabel("Describe what you saw").fill(fields.description);
  if (fields.sensitive) await page.getByRole("radio", { name: /Sensitive/ }).check();
  if (fields.file) await page.getByLabel("Attachments (optional)").setInputFiles({ name: fields.file.name, mimeType: "text/plain", buffer: Buffer.from(fields.file.body) });
  await page.getByRole("button", { name: "Send report" }).click();
  const reference = page.getByTestId("report-reference");
  await expect.poll(() => reference.isVisible(), POLL).toBe(true);
  return (await reference.innerText()).trim();
}

describe("reporting", () => {
  let conductRef = "";
  const conductText = `Manager shouted at a colleague in the standup <script>alert("x")</script> ${Date.now()}`;

  it("an employee files a report with an attachment; the security team finds it and answers", async () => {
    const page = await signedInPage(browser, base, employee);
    await page.goto(`${base}/report`);
    await page.screenshot({ path: screenshotPath("report-form"), fullPage: true });
    const reference = await fileReport(page, {
      category: "Suspicious activity",
      description: "My laptop rebooted twice and a new port 4444 is open.",
      file: { name: "netstat.txt", body: "tcp 0.0.0.0:4444 LISTEN" },
    });
    expect(reference).toMatch(/^RPT-\d{4}-\d{4,}$/);
    await page.screenshot({ path: screenshotPath("report-receipt") });

    const triager = await signedInPage(browser, base, security);
    await triager.goto(`${base}/triage?q=${reference}`);
    await triager.getByRole("link", { name: reference }).click();
    await triager.waitForURL(`${base}/triage/${reference}`);
    const download = triager.waitForEvent("download");
    await triager.getByRole("link", { name: "netstat.txt" }).click();
    expect((await download).suggestedFilename()).toBe("netstat.txt");
    await triager.getByLabel("Ask or tell the reporter").fill("Which laptop? Please do not turn it off.");
    await triager.getByRole("button", { name: "Send to reporter" }).click();
    await triager.getByLabel("Internal note (never shown to the reporter)").fill("Port 4444: classic reverse shell");
    await triager.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => triager.getByText("Port 4444: classic reverse shell").isVisible(), POLL).toBe(true);
    await expect.poll(() => triager.getByText(/Acknowledged.*after/).isVisible(), POLL).toBe(true);
    await triager.screenshot({ path: screenshotPath("triage-report"), fullPage: true });

    await page.goto(`${base}/reports/${reference}`);
    await expect.poll(() => page.getByText("Which laptop? Please do not turn it off.").isVisible(), POLL).toBe(true);
    expect(await page.getByText("classic reverse shell").count()).toBe(0);
    expect(await page.getByText(security.name).count()).toBe(0);
    await page.getByLabel("Your reply").fill("The ThinkPad on desk 12.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect.poll(() => page.getByText("The ThinkPad on desk 12.").isVisible(), POLL).toBe(true);
  });

  it("a Code of Conduct report is the COO's alone", async () => {
    const page = await signedInPage(browser, base, employee);
    await page.goto(`${base}/report`);
    await page.getByLabel("What happened?").selectOption({ label: "Code of Conduct violation" });
    // The form says who will read it, and offers nothing else.
    await expect.poll(() => page.getByRole("radio").count(), POLL).toBe(1);
    expect(await page.getByText("Code of Conduct reports go to the COO alone").isVisible()).toBe(true);
    conductRef = await fileReport(page, { category: "Code of Conduct violation", description: conductText });

    const triager = await signedInPage(browser, base, security);
    await triager.goto(`${base}/triage`);
    expect(await triager.getByRole("link", { name: conductRef }).count()).toBe(0);
    await triager.goto(`${base}/triage?q=${encodeURIComponent(conductRef)}`);
    expect(await triager.getByText("No reports match").isVisible()).toBe(true);
    const direct = await triager.goto(`${base}/triage/${conductRef}`);
    expect(direct?.status()).toBe(404);
    expect(await triager.content()).not.toContain("Manager shouted");
    const mineUrl = await triager.goto(`${base}/reports/${conductRef}`);
    expect(mineUrl?.status()).toBe(404);

    const cooPage = await signedInPage(browser, base, coo);
    await cooPage.goto(`${base}/triage`);
    await cooPage.getByRole("link", { name: conductRef }).click();
    await cooPage.waitForURL(`${base}/triage/${conductRef}`);
    // Hostile text is shown as typed, never run.
    await expect.poll(() => cooPage.getByText(conductText).isVisible(), POLL).toBe(true);
    await cooPage.getByLabel("Ask or tell the reporter").fill("Thank you. I will speak with you tomorrow at 10.");
    await cooPage.getByRole("button", { name: "Send to reporter" }).click();
    await expect.poll(() => cooPage.getByRole("list", { name: "Messages" }).getByText("Thank you. I will speak with you tomorrow at 10.").isVisible(), POLL).toBe(true);

    await page.goto(`${base}/reports`);
    await page.getByRole("link", { name: conductRef }).click();
    await expect.poll(() => page.getByText("Thank you. I will speak with you tomorrow at 10.").isVisible(), POLL).toBe(true);
    await page.screenshot({ path: screenshotPath("my-report"), fullPage: true });
  });

  it("keeps a draft when the form is left and comes back", async () => {
    const page = await signedInPage(browser, base, employee);
    await page.goto(`${base}/report`);
    await page.getByLabel("What happened?").selectOption({ label: "Theft" });
    await page.getByLabel("Describe what you saw").fill("A badge went missing from reception.");
    await page.goto(`${base}/reports`);
    await page.goto(`${base}/report`);
    await expect.poll(() => page.getByText("Your draft is back").isVisible(), POLL).toBe(true);
    expect(await page.getByLabel("Describe what you saw").inputValue()).toBe("A badge went missing from reception.");
    expect(await page.getByLabel("What happened?").inputValue()).toBe("THEFT");
  });

  it("explains bad input next to the field", async () => {
    const page = await signedInPage(browser, base, employee);
    await page.evaluate(() => window.localStorage.clear());
    await page.goto(`${base}/report`);
    await page.getByLabel("What happened?").selectOption({ label: "Theft" });
    await page.getByLabel("Attachments (optional)").setInputFiles({ name: "payload.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    await page.getByRole("button", { name: "Send report" }).click();
    await expect.poll(() => page.getByText("Describe what happened.").isVisible(), POLL).toBe(true);
    await page.getByLabel("Describe what you saw").fill("Someone took a monitor.");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect.poll(() => page.getByText(/"payload.exe" is not an allowed kind of file/).first().isVisible(), POLL).toBe(true);
  });
});
