// Hand-built connections for the integrity tests: both sides of a TCP connection in each
// node's own unaligned 5-second windows, with a hook that alters or drops one side's entries.
import { randomBytes, randomInt } from "node:crypto";
import { trafficRecord } from "./tailscale-records";

const MIN = 60_000;

export function freshNet() {
  const prefix = `100.${64 + randomInt(60)}.${randomInt(256)}`;
  return (host: number) => `${prefix}.${host}`;
}
export const node = (name: string) => `n${name}${randomBytes(3).toString("hex")}CNTRL`;
/** A minute-aligned time `hoursAgo` back, offset by a random number of minutes so tests do not share buckets. */
export const bucketAt = (hoursAgo: number) => Math.floor((Date.now() - hoursAgo * 3_600_000) / MIN) * MIN - randomInt(200) * MIN;

export type Side = { node: string; address: string; port: number; phaseMs: number };
type Entry = { proto: number; src: string; dst: string; txPkts: number; txBytes: number; rxPkts: number; rxBytes: number };

/**
 * One TCP connection between a and b active over [from, to), `rate` packets a second each way
 * (100 bytes a packet), logged by both sides in their own unaligned 5-second windows. `alter`
 * changes or drops (null) one side's entry.
 */
export function connection(a: Side, b: Side, from: number, to: number, rate: number, alter?: (side: "a" | "b", windowStart: number, e: Entry) => Entry | null) {
  const records: object[] = [];
  for (const [me, peer, name] of [[a, b, "a"], [b, a, "b"]] as const) {
    for (let w = from - 5000 + me.phaseMs; w < to; w += 5000) {
      const overlap = Math.max(0, Math.min(w + 5000, to) - Math.max(w, from)) / 1000;
      if (overlap <= 0) continue;
      const pkts = Math.round(rate * overlap);
      let e: Entry | null = { proto: 6, src: `${me.address}:${me.port}`, dst: `${peer.address}:${peer.port}`, txPkts: pkts, txBytes: pkts * 100, rxPkts: pkts, rxBytes: pkts * 100 };
      if (alter) e = alter(name, w, e);
      if (e) records.push(trafficRecord({ node: me.node, address: me.address, at: w, virtual: [e] }));
    }
  }
  return records;
}

export function pairOf(net = freshNet()) {
  const a: Side = { node: node("IntA"), address: net(1), port: 40123, phaseMs: 1300 };
  const b: Side = { node: node("IntB"), address: net(2), port: 443, phaseMs: 3700 };
  return { a, b, net };
}

