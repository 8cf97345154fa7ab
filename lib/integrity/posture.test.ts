import { describe, expect, it } from "vitest";
import { decidePosture, settingState, streamingDestinations, type PostureFacts, type SettingEvent } from "./posture";

const now = new Date("2026-11-17T16:00:00Z");
const ev = (action: string, extra: Partial<SettingEvent> = {}): SettingEvent => ({ id: "1", eventTime: new Date("2026-11-17T10:00:00Z"), action, new: null, old: null, actor: "alice@example.com", ...extra });

const healthy = (): PostureFacts => ({
  flowLogging: ev("ENABLE"),
  exitFlowLogging: ev("UPDATE", { new: true }),
  logStreaming: [ev("CREATE", { new: { provider: "splunk", logstreamType: "network", endpointURL: "https://siem.example.com" } })],
  sources: [{ id: 1, name: "stream", kind: "STREAM" as never, revokedAt: null, lastRecordAt: new Date(now.getTime() - 60_000), lastErrorAt: null, lastError: null }],
  quietAfterMinutes: 15,
  flowEntries24h: 100,
  devicesWithTraffic24h: 10,
  devicesFullyCountersigned24h: 10,
  countersigned24h: 500,
  twoSided24h: 500,
  devices: 10,
  neverReporting: [],
});
const level = (f: PostureFacts, key: string) => decidePosture(f, now).find((i) => i.key === key)!.level;

describe("logging posture", () => {
  it("is all green when everything is on and reporting", () => {
    expect(decidePosture(healthy(), now).map((i) => i.level)).toEqual(["green", "green", "green", "green", "green", "green"]);
  });

  it("reads a setting as on, off or unknown from its latest event", () => {
    expect(settingState(ev("DISABLE"))).toBe("off");
    expect(settingState(ev("UPDATE", { new: false }))).toBe("off");
    expect(settingState(ev("ENABLE"))).toBe("on");
    expect(settingState(null)).toBeNull();
  });

  it("is red when flow or exit-flow logging was switched off", () => {
    expect(level({ ...healthy(), flowLogging: ev("DISABLE") }, "flow-logging")).toBe("red");
    expect(level({ ...healthy(), exitFlowLogging: ev("UPDATE", { new: false }) }, "exit-flow-logging")).toBe("red");
    const item = decidePosture({ ...healthy(), flowLogging: ev("DISABLE") }, now)[0]!;
    expect(item.evidence.join(" ")).toContain("DISABLE by alice@example.com at 2026-11-17T10:00:00Z");
    expect(item.href).toBe("/logs/audit?property=NETWORK_FLOW_LOGGING");
  });

  it("without a setting event: flow logging is green when flow records arrive, amber when not", () => {
    expect(level({ ...healthy(), flowLogging: null }, "flow-logging")).toBe("green");
    expect(level({ ...healthy(), flowLogging: null, flowEntries24h: 0 }, "flow-logging")).toBe("amber");
    expect(level({ ...healthy(), exitFlowLogging: null }, "exit-flow-logging")).toBe("amber");
  });

  it("log streaming: the latest event per log type decides; a deletion is red, none known is amber", () => {
    const created = ev("CREATE", { eventTime: new Date("2026-11-17T09:00:00Z"), new: { logstreamType: "network", endpointURL: "https://a" } });
    const deleted = ev("DELETE", { eventTime: new Date("2026-11-17T11:00:00Z"), old: { logstreamType: "network", endpointURL: "https://a" } });
    expect(streamingDestinations([created, deleted]).get("network")!.present).toBe(false);
    expect(level({ ...healthy(), logStreaming: [created, deleted] }, "log-streaming")).toBe("red");
    expect(level({ ...healthy(), logStreaming: [deleted, { ...created, eventTime: new Date("2026-11-17T12:00:00Z") }] }, "log-streaming")).toBe("green");
    expect(level({ ...healthy(), logStreaming: [] }, "log-streaming")).toBe("amber");
  });

  it("ingest sources: a quiet or failing source is red, one that never sent amber, revoked and imports ignored", () => {
    const base = healthy().sources[0]!;
    expect(level({ ...healthy(), sources: [{ ...base, lastRecordAt: new Date(now.getTime() - 30 * 60_000) }] }, "ingest-sources")).toBe("red");
    expect(level({ ...healthy(), sources: [{ ...base, lastErrorAt: now, lastError: "401" }] }, "ingest-sources")).toBe("red");
    expect(level({ ...healthy(), sources: [base, { ...base, id: 2, lastRecordAt: null }] }, "ingest-sources")).toBe("amber");
    expect(level({ ...healthy(), sources: [base, { ...base, id: 3, revokedAt: now, lastRecordAt: new Date(0) }] }, "ingest-sources")).toBe("green");
    expect(level({ ...healthy(), sources: [] }, "ingest-sources")).toBe("red");
  });

  it("countersigning: the share of devices with traffic that countersigned all of it", () => {
    expect(level({ ...healthy(), devicesFullyCountersigned24h: 9 }, "countersigning")).toBe("amber");
    expect(level({ ...healthy(), devicesFullyCountersigned24h: 5 }, "countersigning")).toBe("red");
    expect(level({ ...healthy(), devicesWithTraffic24h: 0, devicesFullyCountersigned24h: 0 }, "countersigning")).toBe("amber");
  });

  it("devices never seen reporting: some amber, more than a tenth red, listed as evidence", () => {
    const d = (n: number) => ({ nodeId: `n${n}`, name: `dev${n}`, lastSeenAt: now });
    expect(level({ ...healthy(), devices: 20, neverReporting: [d(1)] }, "never-reporting")).toBe("amber");
    const item = decidePosture({ ...healthy(), devices: 10, neverReporting: [d(1), d(2)] }, now).find((i) => i.key === "never-reporting")!;
    expect(item.level).toBe("red");
    expect(item.evidence[0]).toContain("dev1 (n1)");
  });
});
