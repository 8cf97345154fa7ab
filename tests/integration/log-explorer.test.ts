// Reading the stored Tailscale logs on a real database: records go in through the pipeline and
// come back through the explorers' operations, filtered, newest first, a page at a time.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import { ingestStream } from "@/lib/ingest/ingest";
import { flushDerived } from "@/lib/ingest/derived";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { ZAuditEventFilter, ZDeviceFilter, ZFlowFilter } from "@/lib/logs/filters";
import { getAuditEventOrThrow } from "@/lib/logs/get-audit-event";
import { getDeviceOrThrow } from "@/lib/logs/get-device";
import { listAuditEvents } from "@/lib/logs/list-audit-events";
import { listDevices } from "@/lib/logs/list-devices";
import { listFlows } from "@/lib/logs/list-flows";
import { auditRecord, flowRecord } from "../support/tailscale-records";

const as = (...roles: UserViewer["roles"]): UserViewer => ({ kind: "user", id: "test", email: "test@example.com", name: "Test", roles: ["EMPLOYEE", ...roles] });
const security = as("SECURITY");
const run = randomBytes(4).toString("hex");
const actor = `actor-${run}@example.com`;
const node = `nLogs${run}CNTRL`;
const peer = `nPeer${run}CNTRL`;
const base = Date.now() - 3_600_000;

let sourceId: number;
// The device inventory is written within a second of a batch; flush it so the test reads it now.
const ingest = async (records: object[]) => {
  await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
  await flushDerived();
};
const audits = (query: Record<string, string>) => listAuditEvents({ viewer: security, filter: ZAuditEventFilter.parse(query) });
// The records are up to an hour old: the flow log reads the last hour unless asked otherwise.
const flows = (query: Record<string, string>) => listFlows({ viewer: security, filter: ZFlowFilter.parse({ range: "24h", ...query }) });

beforeAll(async () => {
  sourceId = (await findOrCreateSource(`explorer-test-${run}`, "IMPORT")).id;
  const who = { id: `u${run}`, type: "USER", loginName: actor, displayName: "Explorer Tester" };
  const group = randomBytes(16).toString("hex");
  await ingest([
    auditRecord({ actor: who, action: "DISABLE", target: { id: "example.com", name: "example.com", type: "TAILNET", property: "MAGIC_DNS" } }, base),
    auditRecord({ actor: who, action: "ENABLE", target: { id: "example.com", name: "example.com", type: "TAILNET", property: "HTTPS" } }, base + 1000),
    auditRecord({ actor: who, action: "UPDATE", eventGroupID: group, target: { id: "example.com", name: "example.com", type: "TAILNET", property: "ACL" }, old: `{"acls":[]}`, new: `{"acls":[{"action":"accept","src":["*"],"dst":["*:*"]}]} ${"x".repeat(1000)}` }, base + 2000),
    auditRecord({ actor: who, action: "UPDATE", eventGroupID: group, target: { id: node, name: "laptop", type: "NODE", property: "ACL_TAGS" }, old: [], new: ["tag:prod"] }, base + 2000),
    auditRecord({ actor: who, action: "CREATE", target: { id: "k123", name: "100%_key", type: "API_KEY" }, error: "not permitted" }, base + 3000),
  ]);
  // Two events within one millisecond: a JavaScript Date cannot tell them apart, the cursor must.
  await ingest([
    { ...auditRecord({ actor: who, action: "LOGIN", target: { id: "c1", name: "console", type: "ADMIN_CONSOLE" } }), eventTime: new Date(base + 4000).toISOString().replace("Z", "100Z") },
    { ...auditRecord({ actor: who, action: "LOGOUT", target: { id: "c1", name: "console", type: "ADMIN_CONSOLE" } }), eventTime: new Date(base + 4000).toISOString().replace("Z", "900Z") },
  ]);
  await ingest([flowRecord({ node, peer, at: base, entries: 3, seed: 1 }), flowRecord({ node, peer, at: Date.now() - 60_000, entries: 2, seed: 2 })]);
});
afterAll(() => closeIngestPool());

describe("audit events", () => {
  it("filters by exact target id and by source", async () => {
    expect((await audits({ targetId: node })).events.map((e) => e.action)).toEqual(["UPDATE"]);
    // A target id is not a substring match: a prefix of the node id finds nothing.
    expect((await audits({ targetId: node.slice(0, -2) })).events).toEqual([]);
    expect((await audits({ actor, source: String(sourceId) })).events).toHaveLength(7);
    expect((await audits({ actor, source: String(sourceId + 100_000) })).events).toEqual([]);
    expect(() => ZAuditEventFilter.parse({ source: "x" })).toThrow(/source id/);
  });

  it("lists newest first, filtered, and pages by cursor without skipping or repeating", async () => {
    const all = await audits({ actor });
    expect(all.events.map((e) => e.action)).toEqual(["LOGOUT", "LOGIN", "CREATE", "UPDATE", "UPDATE", "ENABLE", "DISABLE"]);
    expect(all.nextCursor).toBeNull();
    expect(all.events[0]!.eventTime).toMatch(/\.\d{3}900Z$/);

    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await audits({ actor, limit: "2", ...(before ? { before } : {}) });
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e) => e.id));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toEqual(all.events.map((e) => e.id));

    expect((await audits({ actor, action: "update" })).events.map((e) => e.target.property).sort()).toEqual(["ACL", "ACL_TAGS"]);
    expect((await audits({ actor, property: "MAGIC_DNS" })).events.map((e) => e.action)).toEqual(["DISABLE"]);
    expect((await audits({ actor, targetType: "API_KEY", failed: "true" })).events.map((e) => e.error)).toEqual(["not permitted"]);
    expect((await audits({ actor, failed: "false" })).events).toHaveLength(6);
    expect((await audits({ actor, target: node })).events.map((e) => e.target.property)).toEqual(["ACL_TAGS"]);
    expect((await audits({ q: "100%_key" })).events.map((e) => e.target.id)).toEqual(["k123"]);
    expect((await audits({ q: "%" })).events.every((e) => JSON.stringify(e).includes("%"))).toBe(true);
    const from = new Date(base + 1000).toISOString();
    const to = new Date(base + 2000).toISOString();
    expect((await audits({ actor, from, to })).events.map((e) => e.action)).toEqual(["UPDATE", "UPDATE", "ENABLE"]);
    expect((await audits({ actor, range: "1h" })).events.length).toBeLessThan(7);
    expect((await audits({ actor, to: "2001-01-01" })).events).toEqual([]);
  });

  it("cuts long values in lists and gives them whole, with the event's group, one at a time", async () => {
    const [acl] = (await audits({ actor, property: "ACL" })).events;
    expect(String(acl!.new).length).toBeLessThanOrEqual(300);
    expect(acl!.new).toMatch(/^\{"acls":\[\{"action"/); // the policy text itself, not its JSON quoting
    const full = (await listAuditEvents({ viewer: security, filter: ZAuditEventFilter.parse({ actor, property: "ACL" }), values: "full" })).events[0]!;
    expect(String(full.new)).toHaveLength(1000 + `{"acls":[{"action":"accept","src":["*"],"dst":["*:*"]}]} `.length);

    const { event, group } = await getAuditEventOrThrow({ viewer: security, id: acl!.id });
    expect(event).toMatchObject({ action: "UPDATE", actor: { loginName: actor }, target: { property: "ACL" }, old: `{"acls":[]}` });
    expect(group.map((e) => e.target.property)).toEqual(["ACL_TAGS"]);
    for (const id of ["0", "abc", "-1", "99999999999999999999", "1 OR 1=1"]) {
      await expect(getAuditEventOrThrow({ viewer: security, id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("flows", () => {
  it("lists traffic entries with the devices behind each address, filtered and paged", async () => {
    const all = await flows({ node });
    expect(all.flows).toHaveLength(7); // 3 + 2 virtual entries, one physical entry per record
    expect(all.flows[0]!.windowStart >= all.flows.at(-1)!.windowStart).toBe(true);
    const virtual = all.flows.find((f) => f.kind === "VIRTUAL")!;
    expect(virtual).toMatchObject({ node: { nodeId: node, name: `${node}.example.ts.net` }, protocol: "tcp", dst: { port: 443, node: { nodeId: peer } } });

    expect((await flows({ node, kind: "physical" })).flows.map((f) => f.dst.ip)).toEqual(["203.0.113.7", "203.0.113.7"]);
    expect((await flows({ node, proto: "tcp", port: "443" })).flows).toHaveLength(5);
    expect((await flows({ node, proto: "udp" })).flows).toHaveLength(0);
    expect((await flows({ node, ip: "100.64.0.0/24", kind: "VIRTUAL" })).flows).toHaveLength(5);
    expect((await flows({ node, dst: "100.64.0.2" })).flows).toHaveLength(5);
    expect((await flows({ node, src: "10.0.0.0/8" })).flows).toHaveLength(0);
    expect((await flows({ node: `${node}.example.ts.net` })).flows).toHaveLength(7);
    expect((await flows({ node: node.toLowerCase() })).flows).toHaveLength(7); // first label of the name

    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await flows({ node, limit: "3", ...(before ? { before } : {}) });
      seen.push(...page.flows.map((f) => `${f.windowStart}/${f.entryHash}`));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toEqual(all.flows.map((f) => `${f.windowStart}/${f.entryHash}`));
  });
});

describe("devices", () => {
  it("lists devices by search and status, and shows one with its traffic and changes", async () => {
    const list = (query: Record<string, string>) => listDevices({ viewer: security, filter: ZDeviceFilter.parse(query) });
    expect((await list({ q: node })).devices.map((d) => [d.nodeId, d.status])).toEqual([[node, "reporting"]]);
    expect((await list({ q: peer })).devices.map((d) => [d.nodeId, d.status])).toEqual([[peer, "peer-only"]]);
    expect((await list({ q: "tag:server", status: "reporting" })).devices.map((d) => d.nodeId)).toContain(node);
    expect((await list({ q: "server", status: "peer-only" })).devices.map((d) => d.nodeId)).not.toContain(node);

    await db.device.update({ where: { nodeId: node }, data: { lastRecordAt: new Date(Date.now() - 3 * 3_600_000) } });
    expect((await list({ q: node, status: "quiet" })).devices.map((d) => d.status)).toEqual(["quiet"]);
    expect((await list({ q: node, status: "reporting" })).devices).toEqual([]);

    const { device, flows: recent, changes } = await getDeviceOrThrow({ viewer: security, nodeId: node });
    expect(device).toMatchObject({ nodeId: node, os: "linux", tags: ["tag:server"], status: "quiet" });
    expect(recent).toHaveLength(7);
    expect(changes.map((c) => c.target.property)).toEqual(["ACL_TAGS"]);
    for (const nodeId of ["nNoSuchCNTRL", "x".repeat(500), "a\u0000b"]) {
      await expect(getDeviceOrThrow({ viewer: security, nodeId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("who may read the logs", () => {
  it("lets the security team and the COO read, and nobody else", async () => {
    const coo = as("COO");
    expect((await listAuditEvents({ viewer: coo, filter: ZAuditEventFilter.parse({ actor }) })).events).toHaveLength(7);
    for (const viewer of [as(), as("ADMIN")]) {
      await expect(listAuditEvents({ viewer, filter: ZAuditEventFilter.parse({}) })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listFlows({ viewer, filter: ZFlowFilter.parse({}) })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listDevices({ viewer, filter: ZDeviceFilter.parse({}) })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getDeviceOrThrow({ viewer, nodeId: node })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
