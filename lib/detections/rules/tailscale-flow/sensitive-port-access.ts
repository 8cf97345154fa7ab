// Real time, on every flow entry of the pipeline: keep it cheap. The port set and the parsed
// allow-list are built once per settings object (settings are cached and replaced, never mutated).
import { defineRule, type RuleContext } from "../../define-rule";
import type { FlowEvent } from "../../events";
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from "../../settings-schema";
import { compileAllowList, type AllowList } from "../../helpers/network";
import { flowTestRecord, protoName } from "../../helpers/flow";

/** Remote desktop, telnet and SMB: the lateral-movement favourites, and telnet is cleartext. */
export const HIGH_RISK_PORTS: ReadonlySet<number> = new Set([23, 445, 3389]);

const SERVICE_NAMES: Record<number, string> = {
  22: "SSH", 23: "telnet", 445: "SMB", 1433: "SQL Server", 1521: "Oracle", 2379: "etcd", 3306: "MySQL", 3389: "RDP",
  5432: "PostgreSQL", 5900: "VNC", 5984: "CouchDB", 6379: "Redis", 9200: "Elasticsearch", 11211: "memcached", 27017: "MongoDB",
};

type Compiled = { ports: ReadonlySet<number>; allow: AllowList };
const compiled = new WeakMap<DetectionSettings, Compiled>();

function compile(settings: DetectionSettings): Compiled {
  let c = compiled.get(settings);
  if (!c) {
    c = { ports: new Set(settings.sensitivePorts), allow: compileAllowList(settings.sensitivePortAllowList) };
    compiled.set(settings, c);
  }
  return c;
}

type Access = { client: string; server: string; port: number; loggedBy: "client" | "server" };

/**
 * The access an entry shows, if a sensitive port is its server side. The client logs
 * `src = itself, dst = server:port`; the server logs `src = itself:port, dst = client`. A sensitive
 * destination port counts when the source port is higher, or is not a well-known port (some
 * systems hand out ephemeral ports from 1024 or 10000 up); when both ports are sensitive the lower
 * one is the service. A sensitive source port counts only when the other side's port is higher,
 * so a client whose ephemeral port happens to be 3306 is not taken for a MySQL server.
 */
function accessOf(e: FlowEvent, ports: ReadonlySet<number>): Access | null {
  if ((e.kind !== "VIRTUAL" && e.kind !== "SUBNET") || (e.proto !== 6 && e.proto !== 17)) return null;
  const { srcIp, dstIp, srcPort, dstPort } = e;
  if (!srcIp || !dstIp || srcIp === dstIp) return null;
  const dstSensitive = dstPort !== null && dstPort > 0 && ports.has(dstPort);
  const srcSensitive = srcPort !== null && srcPort > 0 && ports.has(srcPort);
  // A client's own port is ephemeral: above the service's, or at least 1024 (never a well-known port).
  if (dstSensitive && (srcPort === null || srcPort > dstPort! || (srcPort >= 1024 && !srcSensitive))) return { client: srcIp, server: dstIp, port: dstPort!, loggedBy: "client" };
  if (srcSensitive && dstPort !== null && dstPort > srcPort!) return { client: dstIp, server: srcIp, port: srcPort!, loggedBy: "server" };
  return null;
}

function judge(e: FlowEvent, ctx: RuleContext): Access | null {
  const { ports, allow } = compile(ctx.settings);
  const access = accessOf(e, ports);
  if (!access) return null;
  return allow.allows(access.client, ctx.device(access.client)) ? null : access;
}

const label = (ip: string, ctx: RuleContext) => ctx.device(ip)?.name?.split(".")[0] || ip;
const service = (port: number) => SERVICE_NAMES[port] ?? `port ${port}`;

const ENTRY = { txPkts: 12, txBytes: 2_400, rxPkts: 10, rxBytes: 3_100 };
const bastion = { nodeId: "nBastion1CNTRL", name: "bastion.example.ts.net", addresses: ["100.64.0.5"], userLogin: null, tags: ["tag:bastion"] };
const laptop = { nodeId: "nLaptop7CNTRL", name: "laptop-7.example.ts.net", addresses: ["100.64.0.7"], userLogin: "carol@example.com", tags: [] };

export default defineRule<FlowEvent>({
  id: "Tailscale.Flow.SensitivePortAccess",
  title: "Sensitive port reached from outside the allow-list",
  description:
    "A device reached SSH, RDP, SMB, a database or another sensitive service (settings: sensitive ports) on another device, and it is not on the allow-list of devices expected to (addresses, ranges, node ids, tags, logins). Access to admin and data ports from an unexpected device is how lateral movement and data theft look on the wire.",
  logType: "flow",
  severity: (e, ctx) => (HIGH_RISK_PORTS.has(accessOf(e, compile(ctx.settings).ports)?.port ?? 0) ? "HIGH" : "MEDIUM"),
  mitre: ["TA0008:T1021", "TA0007:T1046"],
  runbook: [
    "Identify the client device and its owner (Devices page, or the alert's client address) and ask whether they meant to reach this service.",
    "Check the flow log of the client for other sensitive ports and hosts in the same hour (Flow log, filter by the client address).",
    "On the server, read the service's own log (sshd, RDP, database) for the session: which account signed in, and what it did.",
    "If the access is expected, add the client (address, tag, node id or owner login) to the sensitive-port allow-list in Detections settings, or tighten the ACL so it cannot happen.",
    "If it is not expected, cut the client off (remove it or its tags in the admin console, expire its key) and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://tailscale.com/kb/1018/acls", "https://attack.mitre.org/techniques/T1021/"],
  dedupMinutes: 24 * 60,
  match: (e, ctx) => judge(e, ctx) !== null,
  dedupKey: (e, ctx) => {
    const a = accessOf(e, compile(ctx.settings).ports)!;
    return `${a.client}>${a.server}:${a.port}`;
  },
  alertTitle: (e, ctx) => {
    const a = accessOf(e, compile(ctx.settings).ports)!;
    return `${service(a.port)} on ${label(a.server, ctx)} reached from ${label(a.client, ctx)}`;
  },
  context: (e, ctx) => {
    const a = accessOf(e, compile(ctx.settings).ports)!;
    const client = ctx.device(a.client);
    const server = ctx.device(a.server);
    return {
      client: a.client,
      clientDevice: client?.name ?? null,
      clientOwner: client?.userLogin ?? null,
      clientTags: client?.tags ?? [],
      server: a.server,
      serverDevice: server?.name ?? null,
      port: a.port,
      service: service(a.port),
      proto: protoName(e.proto),
      loggedBy: a.loggedBy,
      kind: e.kind,
      // The client received packets (its own record) or the server sent some (its record): the service answered.
      answered: a.loggedBy === "client" ? e.rxPkts > 0 : e.txPkts > 0,
      bytes: e.txBytes + e.rxBytes,
    };
  },
  matchedFields: (e, ctx) => (accessOf(e, compile(ctx.settings).ports)?.loggedBy === "server" ? ["srcPort", "dstIp"] : ["dstPort", "srcIp"]),
  entity: (e, ctx) => {
    const a = accessOf(e, compile(ctx.settings).ports)!;
    const client = ctx.device(a.client);
    return client ? { type: "device", value: client.nodeId } : { type: "address", value: a.client };
  },
  tests: [
    {
      name: "SSH from a laptop, logged by the laptop (client)",
      expected: true,
      event: flowTestRecord({ node: "nLaptop7CNTRL", virtual: [{ proto: 6, src: "100.64.0.7:51234", dst: "100.64.0.20:22", ...ENTRY }] }),
      context: { devices: [laptop] },
    },
    {
      name: "RDP, logged by the server (its own address is src)",
      expected: true,
      event: flowTestRecord({ node: "nWin1CNTRL", virtual: [{ proto: 6, src: "100.64.0.30:3389", dst: "100.64.0.7:50001", ...ENTRY }] }),
    },
    {
      name: "PostgreSQL through a subnet router",
      expected: true,
      event: flowTestRecord({ node: "nLaptop7CNTRL", subnet: [{ proto: 6, src: "100.64.0.7:50002", dst: "10.0.5.4:5432", ...ENTRY }] }),
    },
    {
      name: "IPv6 client reaching MySQL",
      expected: true,
      event: flowTestRecord({ node: "nLaptop7CNTRL", virtual: [{ proto: 6, src: "[fd7a:115c:a1e0::7]:50003", dst: "[fd7a:115c:a1e0::20]:3306", ...ENTRY }] }),
    },
    {
      name: "SSH from the bastion (tag on the allow-list)",
      expected: false,
      event: flowTestRecord({ node: "nBastion1CNTRL", virtual: [{ proto: 6, src: "100.64.0.5:40000", dst: "100.64.0.20:22", ...ENTRY }] }),
      context: { settings: { ...DEFAULT_DETECTION_SETTINGS, sensitivePortAllowList: ["tag:bastion"] }, devices: [bastion] },
    },
    {
      name: "SSH from an allowed range, logged by the server",
      expected: false,
      event: flowTestRecord({ node: "nSrv20CNTRL", virtual: [{ proto: 6, src: "100.64.0.20:22", dst: "100.64.3.9:40000", ...ENTRY }] }),
      context: { settings: { ...DEFAULT_DETECTION_SETTINGS, sensitivePortAllowList: ["100.64.3.0/24"] } },
    },
    {
      name: "SSH by the owner's login on the allow-list",
      expected: false,
      event: flowTestRecord({ node: "nLaptop7CNTRL", virtual: [{ proto: 6, src: "100.64.0.7:51234", dst: "100.64.0.20:22", ...ENTRY }] }),
      context: { settings: { ...DEFAULT_DETECTION_SETTINGS, sensitivePortAllowList: ["carol@example.com"] }, devices: [laptop] },
    },
    {
      name: "HTTPS is not a sensitive port",
      expected: false,
      event: flowTestRecord({ node: "nLaptop7CNTRL", virtual: [{ proto: 6, src: "100.64.0.7:51234", dst: "100.64.0.20:443", ...ENTRY }] }),
    },
    {
      name: "A client whose ephemeral port is 3306 talking to HTTPS",
      expected: false,
      event: flowTestRecord({ node: "nLaptop7CNTRL", virtual: [{ proto: 6, src: "100.64.0.20:443", dst: "100.64.0.7:3306", ...ENTRY }] }),
    },
    {
      name: "Exit traffic to port 22 somewhere on the internet",
      expected: false,
      event: flowTestRecord({ node: "nLaptop7CNTRL", exit: [{ proto: 6, src: "100.64.0.7:51234", dst: "198.51.100.4:22", ...ENTRY }] }),
    },
    {
      name: "ICMP carries no port",
      expected: false,
      event: flowTestRecord({ node: "nLaptop7CNTRL", virtual: [{ proto: 1, src: "100.64.0.7", dst: "100.64.0.20", ...ENTRY }] }),
    },
  ],
});
