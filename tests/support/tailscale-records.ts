// Builders for Tailscale log records in the shapes of tailscale-logs.md, and the shared samples.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

export const FIXTURES = path.resolve(__dirname, "..", "fixtures", "tailscale");
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

const iso = (ms: number) => new Date(ms).toISOString();

export function auditRecord(overrides: Record<string, unknown> = {}, at = Date.now() - 60_000) {
  return {
    eventTime: iso(at),
    type: "CONFIG",
    deferredAt: "0001-01-01T00:00:00Z",
    eventGroupID: randomBytes(16).toString("hex"),
    origin: "ADMIN_CONSOLE",
    actor: { id: "uTest1CNTRL", type: "USER", loginName: "alice@example.com", displayName: "Alice Example" },
    target: { id: "example.com", name: "example.com", type: "TAILNET", property: "MAGIC_DNS" },
    action: "DISABLE",
    old: true,
    new: false,
    ...overrides,
  };
}

/** A flow record from `node` with `entries` virtual traffic entries to one peer. */
export function flowRecord({ node = "nTestSrcCNTRL", peer = "nTestDstCNTRL", at = Date.now() - 60_000, entries = 3, seed = 0 } = {}) {
  return {
    nodeId: node,
    start: iso(at),
    end: iso(at + 5000),
    srcNode: { nodeId: node, name: `${node}.example.ts.net`, addresses: ["100.64.0.1"], os: "linux", tags: ["tag:server"] },
    dstNodes: [{ nodeId: peer, name: `${peer}.example.ts.net`, addresses: ["100.64.0.2"], os: "macOS", user: "alice@example.com" }],
    virtualTraffic: Array.from({ length: entries }, (_, i) => ({ proto: 6, src: `100.64.0.1:${40000 + seed * 1000 + i}`, dst: "100.64.0.2:443", txPkts: 10 + i, txBytes: 1000 + i, rxPkts: 8, rxBytes: 900 })),
    physicalTraffic: [{ src: "100.64.0.2:0", dst: "203.0.113.7:41641", txPkts: 5, txBytes: 500, rxPkts: 5, rxBytes: 600 }],
  };
}

/** Records wrapped as Tailscale's Splunk destination sends them: HEC envelopes, no separator. */
export function hecBody(records: object[]): string {
  return records.map((event) => JSON.stringify({ time: Date.now() / 1000, event, fields: { recorded: new Date().toISOString() } })).join("");
}

type TrafficEntry = { proto?: number; src: string; dst: string; txPkts?: number; txBytes?: number; rxPkts?: number; rxBytes?: number };

/** A flow record from `node` (own address `address`) with the given traffic lists, for the detection tests. */
export function trafficRecord(o: { node: string; address?: string; at: number; virtual?: TrafficEntry[]; exit?: TrafficEntry[]; physical?: TrafficEntry[]; subnet?: TrafficEntry[] }) {
  return {
    nodeId: o.node,
    start: iso(o.at),
    end: iso(o.at + 5000),
    srcNode: { nodeId: o.node, name: `${o.node}.example.ts.net`, addresses: o.address ? [o.address] : [], os: "linux" },
    ...(o.virtual ? { virtualTraffic: o.virtual } : {}),
    ...(o.subnet ? { subnetTraffic: o.subnet } : {}),
    ...(o.exit ? { exitTraffic: o.exit } : {}),
    ...(o.physical ? { physicalTraffic: o.physical } : {}),
  };
}
