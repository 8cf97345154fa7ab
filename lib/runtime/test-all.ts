// `npm test`: lint, typecheck, unit, integration (with the migration drift check) and
// end-to-end tests, in that order, then one summary line. End-to-end tests need Chromium;
// without it the run fails with how to install it, unless SKIP_E2E=1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumPath } from "../../tests/support/browser";

const ROOT = path.resolve(__dirname, "..", "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

type Stage = { name: string; ok: boolean; seconds: number; passed: number; failed: number; skipped?: boolean };
const stages: Stage[] = [];

function run(name: string, command: string, args: string[]): boolean {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.CI ? "0" : "1" } });
  const ok = result.status === 0;
  stages.push({ name, ok, seconds: (Date.now() - started) / 1000, passed: 0, failed: ok ? 0 : 1 });
  return ok;
}

function vitest(project: string) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "countersign-vitest-")), "report.json");
  const ok = run(`${project} tests`, bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const stage = stages.at(-1)!;
  try {
    const json = JSON.parse(fs.readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number };
    stage.passed = json.numPassedTests;
    stage.failed = json.numFailedTests + (ok || json.numFailedTests ? 0 : 1);
    // Belt and braces: a reported failure fails the stage whatever the exit code said.
    if (json.numFailedTests > 0) stage.ok = false;
  } catch {
    stage.failed = ok ? 0 : 1;
  }
}

run("lint", bin("eslint"), ["--max-warnings=0", "."]);
run("typecheck", bin("tsc"), ["--noEmit"]);
vitest("unit");
vitest("integration");
if (process.env.SKIP_E2E === "1") {
  console.log("\n━━ e2e tests ━━\nSkipped (SKIP_E2E=1).");
  stages.push({ name: "e2e tests", ok: true, seconds: 0, passed: 0, failed: 0, skipped: true });
} else if (!chromiumPath()) {
  console.error(
    "\n━━ e2e tests ━━\nNo Chromium found for the end-to-end tests. Install Debian's: `sudo apt-get install -y chromium`\n" +
      "(or point CHROMIUM_PATH at a Chromium binary), or run without them: `SKIP_E2E=1 npm test`.",
  );
  stages.push({ name: "e2e tests", ok: false, seconds: 0, passed: 0, failed: 1 });
} else {
  vitest("e2e");
}

console.log("\n━━ summary ━━");
for (const s of stages) {
  const counts = s.passed || s.failed ? ` (${s.passed} passed, ${s.failed} failed)` : "";
  console.log(`${s.skipped ? "SKIP" : s.ok ? "ok  " : "FAIL"}  ${s.name.padEnd(18)} ${s.seconds.toFixed(1).padStart(6)}s${counts}`);
}
const passed = stages.reduce((n, s) => n + s.passed + (s.ok && !s.passed && !s.skipped ? 1 : 0), 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);
