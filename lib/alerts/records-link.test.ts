import { describe, expect, it } from "vitest";
import { recordsLinkOf } from "./records-link";

const window = { from: "2026-11-21T10:00:00.000Z", to: "2026-11-21T10:05:00.000Z" };
const none = { entityType: null, entity: null, deviceNodeId: null };
const flowRule = { logType: "flow", readsBehind: false };
const all = { flowLog: true, trail: true };

describe("recordsLinkOf", () => {
  it("links a windowed flow rule's event to the flow log over its window, for its device", () => {
    const link = recordsLinkOf({ kind: "window", data: { scanner: "100.64.0.9", window } }, { entityType: "device", entity: "nScanCNTRL", deviceNodeId: "nScanCNTRL" }, flowRule, all);
    expect(link?.href).toBe("/logs/flows?from=2026-11-21T10%3A00%3A00.000Z&to=2026-11-21T10%3A05%3A00.000Z&node=nScanCNTRL");
  });

  it("filters by address when the device is not known", () => {
    const link = recordsLinkOf({ kind: "window", data: { window } }, { entityType: "address", entity: "100.64.0.9", deviceNodeId: null }, flowRule, all);
    expect(new URL(link!.href, "http://x").searchParams.get("ip")).toBe("100.64.0.9");
  });

  it("links a flow entry to its node's records in its window", () => {
    const link = recordsLinkOf({ kind: "flow", data: { nodeId: "nA", windowStart: "2026-11-21T10:00:01Z", windowEnd: "2026-11-21T10:00:06Z" } }, none, flowRule, all);
    expect(Object.fromEntries(new URL(link!.href, "http://x").searchParams)).toEqual({ node: "nA", from: "2026-11-21T10:00:01Z", to: "2026-11-21T10:00:06Z" });
  });

  it("links sign-in failures to the sign-in events of Countersign's trail", () => {
    expect(recordsLinkOf({ kind: "app", data: { window } }, none, { logType: "app", readsBehind: false }, all)?.href).toMatch(/^\/admin\/audit\?action=auth\.&from=/);
  });

  it("has nothing for audit events (linked by id) or data without a window", () => {
    expect(recordsLinkOf({ kind: "audit", data: { eventTime: "x" } }, none, { logType: "audit", readsBehind: false }, all)).toBeNull();
    expect(recordsLinkOf({ kind: "window", data: { rows: 3 } }, none, flowRule, all)).toBeNull();
    expect(recordsLinkOf({ kind: "window", data: null }, none, flowRule, all)).toBeNull();
  });

  it("links only to the explorers the viewer may open", () => {
    const scan = { kind: "window", data: { window } };
    const device = { entityType: "device", entity: "nA", deviceNodeId: "nA" };
    expect(recordsLinkOf(scan, device, flowRule, { flowLog: false, trail: true })).toBeNull();
    expect(recordsLinkOf({ kind: "flow", data: { nodeId: "nA", windowStart: "2026-11-21T10:00:01Z" } }, none, flowRule, { flowLog: false, trail: true })).toBeNull();
    // The COO reads alerts but not Countersign's trail: no link to sign-in records.
    expect(recordsLinkOf({ kind: "app", data: { window } }, none, { logType: "app", readsBehind: false }, { flowLog: true, trail: false })).toBeNull();
  });

  it("has nothing for rules whose window is not where their records are", () => {
    // The integrity rules read 20 minutes behind their window; an audit rule's window is not flow records; a rule no longer registered.
    expect(recordsLinkOf({ kind: "window", data: { window } }, none, { logType: "flow", readsBehind: true }, all)).toBeNull();
    expect(recordsLinkOf({ kind: "window", data: { window } }, none, { logType: "audit", readsBehind: false }, all)).toBeNull();
    expect(recordsLinkOf({ kind: "window", data: { window } }, none, null, all)).toBeNull();
  });
});
