// The flow and windowed rules' SQL on a real database: records go in through the pipeline, one
// window is evaluated from a watermark set by the test, and the alert (or its absence) is checked
// after raiseAlerts. Every test uses its own addresses and node ids: the database may be reused.
import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool, ingestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { raiseAlerts } from "@/lib/alerts/raise-alerts";
import { appendAudit } from "@/lib/audit/append-audit";
import { systemViewer } from "@/lib/auth/viewer";
import { runWindowedRules, WINDOW_LAG_MS } from "@/lib/detections/run-windowed";
import type { AnyWindowedRule } from "@/lib/detections/define-rule";
import { DEFAULT_DETECTION_SETTINGS } from "@/lib/detections/settings-schema";
import { stopBoss } from "@/lib/jobs/boss";
import newListeningPort from "@/lib/detections/rules/tailscale-flow/new-listening-port";
import portScan from "@/lib/detections/rules/tailscale-flow/port-scan";
import trafficSpike from "@/lib/detections/rules/tailscale-flow/traffic-spike";
import duplicateNodeKey from "@/lib/detections/rules/tailscale-flow/duplicate-node-key";
import repeatedSignInFailures from "@/lib/detections/rules/countersign-auth/repeated-sign-in-failures";
import { trafficRecord } from "../support/tailscale-records";
import { invalidateDetectionCache } from "@/lib/detections/settings";

let sourceId: number;
const ingest = (records: object[]) => ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`detections-windowed-${Date.now()}`, "IMPORT")).id;
  // The rules' windows and thresholds are the defaults here, whatever another test stored.
  await db.appSetting.deleteMany({ where: { key: "detections" } });
  invalidateDetectionCache();
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

/** A /24 of tailnet addresses nobody else in the database uses: `net(7)` → `100.x.y.7`. */
function freshNet() {
  const prefix = `100.${64 + randomInt(60)}.${randomInt(256)}`;
  return (host: number) => `${prefix}.${host}`;
}
const node = (name: string) => `n${name}${randomBytes(3).toString("hex")}CNTRL`;

/**
 * Puts the rule's watermark at the start of a window `hoursAgo` back (first run learnt long ago
 * unless `startedAt` says otherwise) and returns that window and the `now` that evaluates it alone.
 */
async function oneWindow(rule: AnyWindowedRule, { hoursAgo = 3, at, startedAt }: { hoursAgo?: number; at?: number; startedAt?: (from: number) => Date } = {}) {
  const step = rule.windowMinutes(DEFAULT_DETECTION_SETTINGS) * 60_000;
  const from = Math.floor((at ?? Date.now() - hoursAgo * 3_600_000) / step) * step;
  await db.detectionWatermark.deleteMany({ where: { ruleId: rule.id } });
  await db.detectionWatermark.create({ data: { ruleId: rule.id, evaluatedTo: new Date(from), startedAt: startedAt?.(from) ?? new Date(from - 48 * 3_600_000) } });
  const now = new Date(from + step + WINDOW_LAG_MS + 1_000);
  return { from, to: from + step, now, run: async () => (await runWindowedRules({ now, rules: [rule] }))[0]! };
}

const alertsOf = (ruleId: string, dedupKey: string) => db.alert.findMany({ where: { ruleId, dedupKey }, include: { events: true } });

describe("Tailscale.Flow.SensitivePortAccess (real time)", () => {
  it("raises one alert for an SSH session logged by both ends, and none for HTTPS", async () => {
    const net = freshNet();
    const [client, server] = [net(7), net(20)];
    const [clientNode, serverNode] = [node("Laptop"), node("Srv")];
    const at = Date.now() - 60_000;
    const entry = { proto: 6, txPkts: 20, txBytes: 4_000, rxPkts: 18, rxBytes: 5_000 };
    await ingest([
      trafficRecord({ node: clientNode, address: client, at, virtual: [{ ...entry, src: `${client}:51000`, dst: `${server}:22` }, { ...entry, src: `${client}:51001`, dst: `${server}:443` }] }),
      trafficRecord({ node: serverNode, address: server, at: at + 1_000, virtual: [{ ...entry, src: `${server}:22`, dst: `${client}:51000` }] }),
    ]);
    await raiseAlerts();
    const alerts = await alertsOf("Tailscale.Flow.SensitivePortAccess", `${client}>${server}:22`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "MEDIUM", eventCount: 2 });
    // The client's device when the inventory (refreshed each minute) knows it already, else its address.
    expect([clientNode, client]).toContain(alerts[0]!.entity);
    expect(alerts[0]!.context).toMatchObject({ client, server, port: 22, service: "SSH" });
    expect(await db.alert.count({ where: { ruleId: "Tailscale.Flow.SensitivePortAccess", dedupKey: `${client}>${server}:443` } })).toBe(0);
  });
});

describe("Tailscale.Flow.NewListeningPort", () => {
  it("alerts on a port first seen after the learning period, once, and remembers it", async () => {
    const net = freshNet();
    const [client, server, quiet] = [net(7), net(20), net(30)];
    const w = await oneWindow(newListeningPort);
    await ingest([
      trafficRecord({
        node: node("Client"),
        address: client,
        at: w.from + 60_000,
        virtual: [
          { proto: 6, src: `${client}:50000`, dst: `${server}:7777`, txPkts: 10, txBytes: 900, rxPkts: 12, rxBytes: 14_000 },
          // A refused connection: one packet back. Not a listening port.
          { proto: 6, src: `${client}:50001`, dst: `${quiet}:8888`, txPkts: 1, txBytes: 60, rxPkts: 1, rxBytes: 40 },
        ],
      }),
    ]);
    expect(await w.run()).toMatchObject({ windows: 1, matches: 1 });
    await raiseAlerts();
    const alerts = await alertsOf(newListeningPort.id, `${server}:tcp/7777`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "MEDIUM", entityType: "address", entity: server });
    expect(alerts[0]!.context).toMatchObject({ port: 7777, clients: 1 });
    const known = await ingestPool().query(`SELECT host(address) AS address, port FROM listening_ports WHERE address IN ($1::inet, $2::inet)`, [server, quiet]);
    expect(known.rows).toEqual([{ address: server, port: 7777 }]);

    // The next window sees it again: known, no alert.
    await ingest([trafficRecord({ node: node("Client"), address: net(8), at: w.to + 60_000, virtual: [{ proto: 6, src: `${net(8)}:50000`, dst: `${server}:7777`, txPkts: 10, rxPkts: 12 }] })]);
    const next = await runWindowedRules({ now: new Date(w.now.getTime() + (w.to - w.from)), rules: [newListeningPort] });
    expect(next[0]).toMatchObject({ windows: 1, matches: 0 });
  });

  it("records ports first seen during the learning period without alerting", async () => {
    const net = freshNet();
    const [client, server] = [net(7), net(20)];
    const w = await oneWindow(newListeningPort, { startedAt: (from) => new Date(from - 3_600_000) });
    await ingest([trafficRecord({ node: node("Client"), address: client, at: w.from + 1_000, virtual: [{ proto: 17, src: `${client}:50000`, dst: `${server}:5353`, txPkts: 3, rxPkts: 3 }] })]);
    expect(await w.run()).toMatchObject({ windows: 1, matches: 0 });
    const known = await ingestPool().query(`SELECT proto, port FROM listening_ports WHERE address = $1::inet`, [server]);
    expect(known.rows).toEqual([{ proto: 17, port: 5353 }]);
  });
});

describe("Tailscale.Flow.PortScan", () => {
  it("alerts on one source touching many ports of a host, not on a client using a few services", async () => {
    const net = freshNet();
    const [scanner, target, client, server] = [net(66), net(20), net(7), net(21)];
    const w = await oneWindow(portScan);
    const probes = Array.from({ length: 60 }, (_, i) => ({ proto: 6, src: `${scanner}:40000`, dst: `${target}:${i + 1}`, txPkts: 1, txBytes: 60 }));
    // The target logs the probes it answered too (its own address as src): they fold into the same touches.
    const answers = Array.from({ length: 10 }, (_, i) => ({ proto: 6, src: `${target}:${i + 1}`, dst: `${scanner}:40000`, txPkts: 1, txBytes: 40, rxPkts: 1, rxBytes: 60 }));
    const normal = [22, 443, 5432].map((port, i) => ({ proto: 6, src: `${client}:${50000 + i}`, dst: `${server}:${port}`, txPkts: 30, rxPkts: 30 }));
    await ingest([
      trafficRecord({ node: node("Kali"), address: scanner, at: w.from + 30_000, virtual: probes }),
      trafficRecord({ node: node("Target"), address: target, at: w.from + 31_000, virtual: answers }),
      trafficRecord({ node: node("Client"), address: client, at: w.from + 32_000, virtual: normal }),
    ]);
    expect((await w.run()).windows).toBe(1);
    await raiseAlerts();
    const alerts = await alertsOf(portScan.id, scanner);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "HIGH" });
    expect(alerts[0]!.context).toMatchObject({ maxPortsOnOneHost: 60, busiestHost: target, hosts: 1 });
    expect(await db.alert.count({ where: { ruleId: portScan.id, dedupKey: { in: [client, server, target] } } })).toBe(0);
  });
});

describe("Tailscale.Flow.TrafficSpike", () => {
  it("alerts when a pair moves many times its average, and updates the baseline in the same statement", async () => {
    const net = freshNet();
    const [a, b, c, d] = [net(7), net(20), net(8), net(21)];
    const spikeKey = `v:${a}-${b}`;
    const usualKey = `v:${c}-${d}`;
    const w = await oneWindow(trafficSpike);
    await db.flowBaseline.createMany({
      data: [
        { pairKey: spikeKey, avgBytes: 20_000_000, windows: 48, updatedAt: new Date(w.from) },
        { pairKey: usualKey, avgBytes: 400_000_000, windows: 48, updatedAt: new Date(w.from) },
      ],
    });
    const GB = 1_000_000_000;
    await ingest([
      // b sends 1.2 GB to a; both ends log it.
      trafficRecord({ node: node("B"), address: b, at: w.from + 60_000, virtual: [{ proto: 6, src: `${b}:22`, dst: `${a}:50000`, txPkts: 900_000, txBytes: 1.2 * GB, rxPkts: 400_000, rxBytes: 20_000_000 }] }),
      trafficRecord({ node: node("A"), address: a, at: w.from + 61_000, virtual: [{ proto: 6, src: `${a}:50000`, dst: `${b}:22`, txPkts: 400_000, txBytes: 20_000_000, rxPkts: 900_000, rxBytes: 1.2 * GB }] }),
      // c and d move 0.9 GB, about twice their usual.
      trafficRecord({ node: node("C"), address: c, at: w.from + 62_000, virtual: [{ proto: 6, src: `${c}:50000`, dst: `${d}:443`, txPkts: 700_000, txBytes: 0.9 * GB }] }),
    ]);
    expect((await w.run()).windows).toBe(1);
    await raiseAlerts();
    const alerts = await alertsOf(trafficSpike.id, spikeKey);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "HIGH" }); // 61× the average: more than 5 × factor 10
    expect(alerts[0]!.context).toMatchObject({ kind: "pair", sender: b, receiver: a, bytes: 1.22 * GB, windows: 48 });
    expect(await db.alert.count({ where: { ruleId: trafficSpike.id, dedupKey: usualKey } })).toBe(0);
    const baselines = await db.flowBaseline.findMany({ where: { pairKey: { in: [spikeKey, usualKey] } }, orderBy: { pairKey: "asc" } });
    const spiked = baselines.find((x) => x.pairKey === spikeKey)!;
    expect(spiked.windows).toBe(49);
    expect(spiked.avgBytes).toBeGreaterThan(20_000_000);
    expect(spiked.avgBytes).toBeLessThan(1.22 * GB * 0.2);
  });

  it("learns pairs it has not seen: a baseline row, no alert", async () => {
    const net = freshNet();
    const [a, b] = [net(7), net(20)];
    const w = await oneWindow(trafficSpike);
    await ingest([trafficRecord({ node: node("A"), address: a, at: w.from + 60_000, virtual: [{ proto: 6, src: `${a}:50000`, dst: `${b}:22`, txBytes: 5_000_000_000 }] })]);
    expect(await w.run()).toMatchObject({ windows: 1 });
    expect(await db.flowBaseline.findUnique({ where: { pairKey: `v:${a}-${b}` } })).toMatchObject({ windows: 1, avgBytes: 5_000_000_000 });
  });
});

describe("Tailscale.Flow.DuplicateNodeKey", () => {
  it("alerts when peers reach one device at two public endpoints minute after minute, not for a roaming laptop", async () => {
    const net = freshNet();
    const [copied, roaming] = [net(20), net(30)];
    const [p1, p2, p3] = [node("Peer"), node("Peer"), node("Peer")];
    const w = await oneWindow(duplicateNodeKey);
    const seen = (peer: string, at: number, device: string, endpoint: string) =>
      trafficRecord({ node: peer, at, physical: [{ src: `${device}:0`, dst: endpoint, txPkts: 5, txBytes: 600, rxPkts: 5, rxBytes: 700 }] });
    await ingest([
      // Minutes 0 and 1: p1 reaches the copied device in one city, p2 in another; p3 via DERP and on the LAN.
      seen(p1, w.from + 5_000, copied, "198.51.100.10:41641"),
      seen(p2, w.from + 10_000, copied, "203.0.113.7:50123"),
      seen(p3, w.from + 15_000, copied, "127.3.3.40:1"),
      seen(p3, w.from + 20_000, copied, "192.168.1.20:41641"),
      seen(p1, w.from + 65_000, copied, "198.51.100.10:41641"),
      seen(p2, w.from + 70_000, copied, "203.0.113.7:50123"),
      // The laptop changes networks during minute 2: old and new endpoint overlap once.
      seen(p1, w.from + 125_000, roaming, "198.51.100.77:41641"),
      seen(p2, w.from + 130_000, roaming, "203.0.113.99:41641"),
      seen(p1, w.from + 185_000, roaming, "203.0.113.99:41641"),
      seen(p2, w.from + 190_000, roaming, "203.0.113.99:41641"),
    ]);
    expect((await w.run()).windows).toBe(1);
    await raiseAlerts();
    const alerts = await alertsOf(duplicateNodeKey.id, copied);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "CRITICAL" });
    expect(alerts[0]!.context).toMatchObject({ overlapMinutes: 2, reporters: 2 });
    expect((alerts[0]!.context as { endpoints: string[] }).endpoints.sort()).toEqual(["198.51.100.10", "203.0.113.7"]);
    expect(await db.alert.count({ where: { ruleId: duplicateNodeKey.id, dedupKey: roaming } })).toBe(0);
  });
});

describe("Countersign.Auth.RepeatedSignInFailures", () => {
  it("alerts on failures for one account, a lockout, and guessing across accounts from one address", async () => {
    const tag = randomBytes(3).toString("hex");
    const [victim, locked, typo] = [`victim-${tag}@example.com`, `locked-${tag}@example.com`, `typo-${tag}@example.com`];
    const sprayer = `198.51.100.${randomInt(1, 250)}`;
    // The trail is written now: evaluate the window now is in, not one about to close.
    const step = repeatedSignInFailures.windowMinutes(DEFAULT_DETECTION_SETTINGS) * 60_000;
    const left = step - (Date.now() % step);
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const w = await oneWindow(repeatedSignInFailures, { at: Date.now() });
    const audit = (action: string, email: string, ip: string) =>
      db.$transaction((tx) => appendAudit(tx, { ...systemViewer(), ip }, { action, targetType: "User", actorLabel: email, after: { reason: "wrong_password" } }));
    for (let i = 0; i < 5; i++) await audit("auth.sign_in_failed", victim, `203.0.113.${i + 1}`);
    await audit("auth.sign_in_failed", locked, "203.0.113.9");
    await audit("auth.account_locked", locked, "203.0.113.9");
    await audit("auth.sign_in_failed", typo, "203.0.113.10");
    for (let i = 0; i < 5; i++) await audit("auth.sign_in_failed", `guess${i}-${tag}@example.com`, sprayer);
    expect((await w.run()).windows).toBe(1);
    await raiseAlerts();
    expect(await alertsOf(repeatedSignInFailures.id, `account:${victim}`)).toEqual([expect.objectContaining({ severity: "MEDIUM", entityType: "user", entity: victim })]);
    expect(await alertsOf(repeatedSignInFailures.id, `account:${locked}`)).toEqual([expect.objectContaining({ severity: "HIGH" })]);
    expect(await alertsOf(repeatedSignInFailures.id, `ip:${sprayer}`)).toEqual([expect.objectContaining({ severity: "HIGH", entityType: "address", entity: sprayer })]);
    expect(await db.alert.count({ where: { ruleId: repeatedSignInFailures.id, dedupKey: `account:${typo}` } })).toBe(0);
  });
});
