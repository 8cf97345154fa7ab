// The integrity REST API over HTTP: per-device coverage and the pair results of records verified
// in the test process (real pipeline, real verification), pagination, permissions, and the
// bad-input matrix (unknown or repeated parameters 400, values that do not fit 422).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
const base = inject("baseUrl");
const { makeUser } = await import("../support/db-helpers");
const { apiTokenFor, callApi } = await import("../support/api-client");
const { ingestStream } = await import("@/lib/ingest/ingest");
const { findOrCreateSource } = await import("@/lib/ingest/sources");
const { flushDerived } = await import("@/lib/ingest/derived");
const { closeIngestPool, withIngestTx } = await import("@/lib/ingest/pg-pool");
const { verifyRange } = await import("@/lib/integrity/verify");
const { INTEGRITY_DEFAULTS } = await import("@/lib/integrity/settings");
const { bucketAt, connection, pairOf } = await import("../support/integrity-records");

const MIN = 60_000;
const tokens: Record<string, string> = {};
const api = (who: string | null, path: string) => callApi(base, who ? tokens[who]! : null, path);

const { a, b } = pairOf();
const t = bucketAt(5);
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  for (const [who, roles] of [["security", ["SECURITY"]], ["employee", []]] as const) {
    const user = await makeUser([...roles]);
    tokens[who] = await apiTokenFor(user, `integrity ${randomBytes(2).toString("hex")}`);
  }
  const sourceId = (await findOrCreateSource(`integrity-api-${Date.now()}`, "IMPORT")).id;
  // b drops its records of minutes 2 and 3 (one-sided), and halves what it received in minute 5 (mismatched).
  const records = connection(a, b, t, t + 8 * MIN, 30, (side, w, e) => {
    if (side !== "b") return e;
    if (w >= t + 2 * MIN && w < t + 4 * MIN) return null;
    return w >= t + 5 * MIN && w < t + 6 * MIN ? { ...e, rxPkts: Math.round(e.rxPkts / 2), rxBytes: Math.round(e.rxBytes / 2) } : e;
  });
  await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
  await flushDerived();
  await withIngestTx((c) => verifyRange(c, { from: new Date(t), to: new Date(t + 8 * MIN), settings: INTEGRITY_DEFAULTS }));
});
afterAll(async () => {
  await closeIngestPool();
});

describe("/api/v1/integrity", () => {
  it("reports each device's countersign rate and counts over a window", async () => {
    const res = await api("security", `/api/v1/integrity/devices?from=${iso(t)}&to=${iso(t + 8 * MIN - 1)}&node=${b.node}`);
    expect(res.status).toBe(200);
    expect(res.body.window).toEqual({ from: iso(t), to: iso(t + 8 * MIN) });
    expect(res.body.checkedBuckets).toBe(8);
    const [device] = res.body.devices as Record<string, unknown>[];
    // Minute 4 is mismatched too: b's dropped window from 3:58.7 reaches 3.7 s into it.
    expect(device).toMatchObject({ nodeId: b.node, silent: 2, mismatched: 2, countersigned: 4, peerSilent: 0, singleSided: 0 });
    expect(device!.countersignRate).toBeCloseTo(4 / 8);
    expect(device!.lastRecordAt).not.toBeNull();
    const peer = await api("security", `/api/v1/integrity/devices?from=${iso(t)}&to=${iso(t + 8 * MIN - 1)}&node=${a.node}`);
    expect((peer.body.devices as Record<string, unknown>[])[0]).toMatchObject({ peerSilent: 2, silent: 0, mismatched: 2 });
    // The default window is the last 24 hours, which holds these buckets.
    const recent = await api("security", `/api/v1/integrity/devices?node=${b.node}`);
    expect((recent.body.devices as unknown[]).length).toBe(1);
  });

  it("lists the pair results since a time, oldest first, a page at a time", async () => {
    const all = await api("security", `/api/v1/integrity/pairs?since=${iso(t)}&node=${b.node}`);
    expect(all.status).toBe(200);
    const results = all.body.results as { bucket: string; outcome: string; silentNodeId: string | null; low: { nodeId: string; txPkts: number }; high: { nodeId: string; rxPkts: number } }[];
    expect(results.map((r) => [Date.parse(r.bucket) - t, r.outcome, r.silentNodeId])).toEqual([
      [2 * MIN, "ONE_SIDED", b.node],
      [3 * MIN, "ONE_SIDED", b.node],
      [4 * MIN, "MISMATCHED", null],
      [5 * MIN, "MISMATCHED", null],
    ]);
    expect(results[3]!.low.nodeId).toBe(a.node);
    expect(results[3]!.high.rxPkts).toBeLessThan(results[3]!.low.txPkts * 0.6);
    expect(all.body.nextCursor).toBeNull();

    const first = await api("security", `/api/v1/integrity/pairs?since=${iso(t)}&node=${b.node}&limit=2`);
    expect((first.body.results as unknown[]).length).toBe(2);
    const second = await api("security", `/api/v1/integrity/pairs?since=${iso(t)}&node=${b.node}&limit=2&cursor=${first.body.nextCursor}`);
    expect((second.body.results as { outcome: string }[]).map((r) => r.outcome)).toEqual(["MISMATCHED", "MISMATCHED"]);
    expect(second.body.nextCursor).toBeNull();
    const mismatched = await api("security", `/api/v1/integrity/pairs?since=${iso(t)}&node=${b.node}&outcome=MISMATCHED`);
    expect((mismatched.body.results as unknown[]).length).toBe(2);
    expect((await api("security", `/api/v1/integrity/pairs?since=${iso(t + 6 * MIN)}&node=${b.node}`)).body.results).toEqual([]);
  });

  it("needs a token with logs.read", async () => {
    expect((await api(null, "/api/v1/integrity/devices")).status).toBe(401);
    expect((await api("employee", "/api/v1/integrity/devices")).status).toBe(403);
    expect((await api("employee", `/api/v1/integrity/pairs?since=${iso(t)}`)).status).toBe(403);
  });

  it("refuses bad input with a clear 4xx", async () => {
    for (const [path, status] of [
      ["/api/v1/integrity/devices?ragne=24h", 400],
      ["/api/v1/integrity/devices?range=24h&range=7d", 400],
      ["/api/v1/integrity/devices?range=2d", 422],
      ["/api/v1/integrity/devices?from=yesterday", 422],
      ["/api/v1/integrity/devices?from=2026-02-31", 422],
      ["/api/v1/integrity/devices?from=2026-11-21T10:00Z&to=2026-11-21T09:00Z", 422],
      ["/api/v1/integrity/devices?from=2026-01-01&to=2026-11-21", 422],
      ["/api/v1/integrity/devices?node=x%27%3B%20DROP%20TABLE%20devices%3B--", 422],
      [`/api/v1/integrity/devices?node=${"n".repeat(300)}`, 422],
      ["/api/v1/integrity/devices?node=a%00b", 422],
      ["/api/v1/integrity/pairs", 422],
      ["/api/v1/integrity/pairs?since=", 422],
      ["/api/v1/integrity/pairs?since=not-a-time", 422],
      [`/api/v1/integrity/pairs?since=${"9".repeat(5000)}`, 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&limit=0", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&limit=abc", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&limit=1.5", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&limit=100000", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&outcome=COUNTERSIGNED", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&outcome=<script>", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&cursor=garbage", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&cursor=1_99999999999999999999", 422],
      ["/api/v1/integrity/pairs?since=2026-11-21&sort=bucket", 400],
    ] as const) {
      const res = await api("security", path);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body.error?.message, path).toBeTruthy();
    }
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/integrity/devices", "/api/v1/integrity/pairs"]));
    expect(doc.paths["/api/v1/integrity/pairs"].get.parameters.find((p: { name: string }) => p.name === "since").required).toBe(true);
  });
});
