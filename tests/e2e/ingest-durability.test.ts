// Nothing acknowledged is lost: senders stream to a second app instance, the instance is killed
// with SIGKILL mid-stream, and after a restart every record that got a 200 is in the database.
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startApp, type AppProcess } from "../support/app-process";
import { freePort } from "../support/free-port";
import { createIngestToken, post, queryCount } from "../support/hec-client";
import { auditRecord, flowRecord, hecBody } from "../support/tailscale-records";

const databaseUrl = inject("databaseUrl");
const run = Math.random().toString(36).slice(2, 8);
const apps: AppProcess[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-durability-"));

afterAll(async () => {
  for (const app of apps) await app.stop("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number) {
  const app = await startApp(`http://localhost:${port}`, {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    DATA_DIR: dataDir,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: "durability-secret-".padEnd(48, "x"),
    RUN_WORKERS: "false",
    LOG_LEVEL: "error",
  });
  apps.push(app);
  return app;
}

describe("ingest durability", () => {
  it("keeps every acknowledged record through a SIGKILL of the server", async () => {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const token = createIngestToken(databaseUrl);
    const app = await start(port);

    const acknowledged: string[] = [];
    // Flow records acknowledged: node and window start; each carries 30 virtual + 1 physical entries.
    const acknowledgedFlows: { node: string; start: string }[] = [];
    let unacknowledged = 0;
    let stopping = false;
    const sender = async (n: number) => {
      for (let i = 0; !stopping; i++) {
        const records = Array.from({ length: 20 }, () => auditRecord());
        const flow = flowRecord({ node: `nKill${n}${run}CNTRL`, entries: 30, seed: i, at: Date.now() - 60_000 - i * 5000 });
        const body = hecBody([...records, flow]);
        try {
          const response = await post(baseUrl, body, { authorization: `Bearer ${token}` });
          if (response.status === 200) {
            acknowledged.push(...records.map((r) => r.eventGroupID));
            acknowledgedFlows.push({ node: flow.nodeId, start: flow.start });
          } else unacknowledged++;
        } catch {
          unacknowledged++;
          // The server is gone: this request was not acknowledged.
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const senders = [0, 1, 2, 3].map(sender);
    // Let the stream run, then kill the server while requests are in flight.
    while (acknowledged.length < 400) await new Promise((r) => setTimeout(r, 20));
    await app.stop("SIGKILL");
    stopping = true;
    await Promise.all(senders);
    // The kill really cut requests off (otherwise this test proves nothing).
    expect(unacknowledged).toBeGreaterThan(0);

    // Restart on the same database: it comes up, takes records again, and nothing acknowledged is missing.
    const restarted = await start(port);
    const after = auditRecord();
    expect((await post(baseUrl, hecBody([after]), { authorization: `Bearer ${token}` })).status).toBe(200);
    acknowledged.push(after.eventGroupID);
    const stored = await queryCount(databaseUrl, `SELECT count(DISTINCT event_group_id) FROM audit_events WHERE event_group_id = ANY($1)`, [acknowledged]);
    expect(stored).toBe(new Set(acknowledged).size);
    const flowEntries = await queryCount(
      databaseUrl,
      `SELECT count(*) FROM flow_records f JOIN unnest($1::text[], $2::timestamptz[]) AS a(node, start) ON f.node_id = a.node AND f.window_start = a.start`,
      [acknowledgedFlows.map((f) => f.node), acknowledgedFlows.map((f) => f.start)],
    );
    expect(flowEntries).toBe(acknowledgedFlows.length * 31);
    await restarted.stop();
  });
});
