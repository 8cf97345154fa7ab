// The logging posture on a real database: flow logging switched off is read from the
// configuration log, and a device only its peers logged is listed as never reporting.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { flushDerived } from "@/lib/ingest/derived";
import { stopBoss } from "@/lib/jobs/boss";
import { loggingPosture } from "@/lib/integrity/posture";
import { auditRecord } from "../support/tailscale-records";
import { connection, pairOf } from "../support/integrity-records";
import { makeViewer } from "../support/db-helpers";

const MIN = 60_000;
let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`integrity-posture-${Date.now()}`, "IMPORT")).id;
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

describe("logging posture", () => {
  it("reads flow logging off, then on again, from the latest settings event", async () => {
    const viewer = await makeViewer(["SECURITY"]);
    const t = Date.now() - 3 * 24 * 60 * MIN - randomInt(1_000_000);
    await ingest([
      auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "NETWORK_FLOW_LOGGING" }, action: "DISABLE", old: true, new: false }, t),
      auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "LOG_EXIT_FLOWS" }, action: "UPDATE", old: false, new: true }, t),
    ]);
    const off = await loggingPosture({ viewer, now: new Date(t + 1000) });
    const flow = off.items.find((i) => i.key === "flow-logging")!;
    expect(flow.level).toBe("red");
    expect(flow.evidence.join(" ")).toContain("DISABLE by alice@example.com");
    expect(off.items.find((i) => i.key === "exit-flow-logging")!.level).toBe("green");

    await ingest([auditRecord({ target: { id: "example.com", name: "example.com", type: "TAILNET", property: "NETWORK_FLOW_LOGGING" }, action: "ENABLE", old: false, new: true }, t + 2000)]);
    expect((await loggingPosture({ viewer, now: new Date(t + 3000) })).items.find((i) => i.key === "flow-logging")!.level).toBe("green");
    // As of before the change, it was not yet known to be off.
    expect((await loggingPosture({ viewer, now: new Date(t - 1000) })).facts.flowLogging?.eventTime.getTime()).not.toBe(t);
  });

  it("lists a device only its peers logged as never seen reporting", async () => {
    const viewer = await makeViewer(["COO"]);
    const { a, b } = pairOf();
    const t = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
    // Only a logs; its records name b as a peer, so b is in the inventory without records of its own.
    const records = connection(a, b, t, t + 2 * MIN, 5, (side, _w, e) => (side === "b" ? null : e)).map((r) => ({ ...r, dstNodes: [{ nodeId: b.node, name: "silent-peer", addresses: [b.address] }] }));
    await ingest(records);
    await flushDerived();
    const { items, facts } = await loggingPosture({ viewer });
    expect(facts.neverReporting.map((d) => d.nodeId)).toContain(b.node);
    expect(facts.neverReporting.map((d) => d.nodeId)).not.toContain(a.node);
    const item = items.find((i) => i.key === "never-reporting")!;
    expect(item.level).not.toBe("green");
    expect(item.evidence.join(" ")).toContain(b.node);
  });

  it("is for readers of the logs only", async () => {
    await expect(loggingPosture({ viewer: await makeViewer(["EMPLOYEE"]) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
