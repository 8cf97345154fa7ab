import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hash64, hashPrefix, normalizeRecord, parseEndpoint, parseProto } from "./records";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../tests/fixtures/tailscale", name), "utf8");
const NOW = Date.parse("2026-11-21T00:00:00Z");

describe("normalizeRecord", () => {
  it("reads the sample audit record into columns, keeping old and new as JSON", () => {
    const result = normalizeRecord(JSON.parse(fixture("audit-record.json")), NOW);
    expect(result.type).toBe("audit");
    if (result.type !== "audit") return;
    expect(result.row).toMatchObject({
      eventTime: "2026-06-02T19:00:05.558444283Z",
      origin: "NODE",
      actorLogin: "alice@example.com",
      actorType: "USER",
      targetType: "NODE",
      targetProperty: "ACL_TAGS",
      targetIsEphemeral: true,
      action: "UPDATE",
      old: '""',
      new: '["tag:grafana-pdc"]',
      recordType: "CONFIG",
    });
    expect(result.row.dedupKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes a streamed audit record's time from the HEC envelope and ignores Panther's p_ fields", () => {
    const record = { time: 1780500887.356, event: { eventGroupID: "g", actor: { type: "OAUTH_CLIENT", loginName: "" }, target: { type: "OAUTH_ACCESS_TOKEN" }, action: "CREATE" }, fields: { recorded: "2026-06-03T15:34:47.809040387Z" }, p_log_type: "Tailscale.Audit" };
    const result = normalizeRecord(record, NOW);
    expect(result).toMatchObject({ type: "audit", row: { eventTime: "2026-06-03T15:34:47.356Z", loggedAt: "2026-06-03T15:34:47.809040387Z", actorLogin: null, targetType: "OAUTH_ACCESS_TOKEN", extra: null } });
  });

  it("keeps unknown enum values and unknown fields", () => {
    const result = normalizeRecord({ eventTime: "2026-06-01T00:00:00Z", origin: "SOMETHING_NEW", actor: { type: "ROBOT" }, target: { type: "SPACESHIP" }, action: "LAUNCH", surprise: { a: 1 } }, NOW);
    expect(result).toMatchObject({ type: "audit", row: { origin: "SOMETHING_NEW", actorType: "ROBOT", targetType: "SPACESHIP", action: "LAUNCH", extra: '{"surprise":{"a":1}}' } });
  });

  it("gives the same record the same dedup key whichever way it arrived", () => {
    const plain = { eventTime: "2026-06-01T00:00:00.123456789Z", eventGroupID: "g1", actor: { id: "u" }, target: { id: "t", property: "HTTPS" }, action: "DISABLE" };
    const streamed = { time: 1780272000.123, event: { ...plain, eventTime: undefined }, fields: {} };
    const k1 = normalizeRecord(plain, NOW);
    const k2 = normalizeRecord(streamed, NOW);
    expect(k1.type === "audit" && k2.type === "audit" && k1.row.dedupKey === k2.row.dedupKey).toBe(true);
  });

  it("reads every traffic kind of the sample flow response into entries, and the nodes it names", () => {
    const result = normalizeRecord(JSON.parse(fixture("network-api-response.json")).logs[0], NOW);
    expect(result.type).toBe("flow");
    if (result.type !== "flow") return;
    expect(result.record.entries.map((e) => e.kind)).toEqual(["VIRTUAL", "SUBNET", "EXIT", "PHYSICAL"]);
    expect(result.record.entries[0]).toMatchObject({ nodeId: "nFlowSrc1CNTRL", proto: 6, srcIp: "100.64.0.11", srcPort: 22, dstIp: "100.64.0.12", dstPort: 58544, txPkts: 51, txBytes: 6420, rxPkts: 40, rxBytes: 3120 });
    expect(result.record.entries[2]).toMatchObject({ kind: "EXIT", proto: null, dstIp: null, dstPort: null });
    expect(new Set(result.record.entries.map((e) => e.entryHash)).size).toBe(4);
    expect(result.record.nodes.map((n) => [n.nodeId, n.isReporter])).toEqual([["nFlowSrc1CNTRL", true], ["nFlowDst1CNTRL", false]]);
    expect(result.record.nodes[0]).toMatchObject({ name: "node-a.example.ts.net", os: "linux", tags: ["tag:servers"], addresses: ["100.64.0.11", "fd7a:115c:a1e0::11"] });
  });

  it("keeps two identical entries of one record apart, and the same entry in a re-delivery together", () => {
    const entry = { proto: 17, src: "100.64.0.1:53", dst: "100.64.0.2:5353", txPkts: 1 };
    const record = { nodeId: "n1", start: "2026-06-01T00:00:00Z", end: "2026-06-01T00:00:05Z", virtualTraffic: [entry, entry] };
    const once = normalizeRecord(record, NOW);
    const again = normalizeRecord(structuredClone(record), NOW);
    if (once.type !== "flow" || again.type !== "flow") throw new Error("expected flow records");
    expect(once.record.entries[0]!.entryHash).not.toBe(once.record.entries[1]!.entryHash);
    expect(again.record.entries.map((e) => e.entryHash)).toEqual(once.record.entries.map((e) => e.entryHash));
  });

  it.each([
    [{ foo: 1 }, /neither nodeId nor actor/],
    [[1, 2], /expected a JSON object, got an array/],
    [{ nodeId: "n", start: "yesterday", end: "2026-06-01T00:00:05Z" }, /RFC 3339/],
    [{ nodeId: "n", start: "2026-06-01T00:00:00Z", end: "2026-06-01T00:00:05Z", virtualTraffic: [{ src: "not-an-ip:22" }] }, /virtualTraffic\[0\]\.src is not an address/],
    [{ nodeId: "n", start: "2026-06-01T00:00:00Z", end: "2026-06-01T00:00:05Z", virtualTraffic: [{ txBytes: -5 }] }, /txBytes/],
    [{ nodeId: "n", start: "2126-06-01T00:00:00Z", end: "2126-06-01T00:00:05Z" }, /out of range/],
    [{ actor: {}, action: "UPDATE" }, /no eventTime/],
    [{ eventTime: "2026-06-01T00:00:00Z", actor: "someone", action: "UPDATE" }, /actor/],
  ])("says why a record cannot be stored: %j", (record, reason) => {
    const result = normalizeRecord(record, NOW);
    expect(result.type).toBe("invalid");
    expect(result.type === "invalid" && result.reason).toMatch(reason);
  });

  it("accepts protocol names and numbers, and keeps an unknown name", () => {
    expect(parseProto(6)).toEqual({ proto: 6, protoName: null });
    expect(parseProto("udp")).toEqual({ proto: 17, protoName: null });
    expect(parseProto("17")).toEqual({ proto: 17, protoName: null });
    expect(parseProto("quic-ish")).toEqual({ proto: null, protoName: "quic-ish" });
  });

  it("parses IPv4 and bracketed IPv6 endpoints, and refuses what is not an address", () => {
    expect(parseEndpoint("100.64.0.1:443")).toEqual({ ip: "100.64.0.1", port: 443 });
    expect(parseEndpoint("[fd7a:115c:a1e0::1]:41641")).toEqual({ ip: "fd7a:115c:a1e0::1", port: 41641 });
    expect(parseEndpoint("fd7a:115c:a1e0::1")).toEqual({ ip: "fd7a:115c:a1e0::1", port: null });
    expect(parseEndpoint("")).toBeNull();
    expect(parseEndpoint("100.64.0.1:99999")).toBe("invalid");
    expect(parseEndpoint("100.64.0.1")).toEqual({ ip: "100.64.0.1", port: null });
    expect(parseEndpoint("[fd7a::1")).toBe("invalid");
    expect(parseEndpoint("host:22")).toBe("invalid");
    expect(parseEndpoint("'; DROP TABLE flow_records; --")).toBe("invalid");
  });

  it("hashes entry identities to distinct, stable 64-bit keys", () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200_000; i++) keys.add(hash64(`nNode|2026-06-01T00:00:00Z|2026-06-01T00:00:05Z|VIRTUAL|6|100.64.0.1:${i}|100.64.0.2:443|0`));
    expect(keys.size).toBe(200_000);
    expect(hash64("a")).toBe(hash64("a"));
    expect(hash64("VIRTUAL|6|x", hashPrefix("node|start|end|"))).toBe(hash64("node|start|end|VIRTUAL|6|x"));
    for (const key of [...keys].slice(0, 100)) expect(BigInt(key) >= -(2n ** 63n) && BigInt(key) < 2n ** 63n).toBe(true);
  });
});
