// Debian's Chromium driven by playwright-core (no browser download). CHROMIUM_PATH overrides.
// Playwright gives every launch a fresh, temporary profile.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("No Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH.");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where screenshots go, for people to look at after a run. */
export function screenshotPath(name: string): string {
  const dir = path.resolve(__dirname, "..", "..", "test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
