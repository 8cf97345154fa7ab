// `npm run worker` runs the background workers on their own: it starts, takes jobs off the
// shared queue, and stops cleanly on SIGTERM.
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBoss, QUEUES, stopBoss } from "@/lib/jobs/boss";
import { ROOT } from "../support/db-helpers";

afterAll(() => stopBoss());

describe("npm run worker", () => {
  it("processes queued jobs and exits 0 on SIGTERM", async () => {
    const boss = await getBoss();
    // A plan job for a report that does not exist completes without sending anything.
    const jobId = await boss.send(QUEUES.notificationPlan.name, { type: "report.created", reportId: "no-such-report" });
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/runtime/worker.ts"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout.on("data", (c) => (output += c));
    worker.stderr.on("data", (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => worker.once("exit", resolve));

    const deadline = Date.now() + 30_000;
    let state = "";
    while (Date.now() < deadline) {
      const rows = await db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id = ${jobId}::uuid`;
      state = rows[0]?.state ?? "";
      if (state === "completed") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(state, output).toBe("completed");
    expect(output).toContain("Countersign workers are running");
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
