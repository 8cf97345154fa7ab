// OpenAPI paths of the log REST API (/api/v1/audit-events, /flows, /devices). Lists of log
// records page by cursor: pass a page's nextCursor as `before` to get the next, older page.
import { FLOW_KINDS } from "@/lib/ingest/records";
import { TOP_TALKERS } from "@/lib/logs/summarize-flows";
import { DEFAULT_FLOW_RANGE, DEVICE_STATUSES, MAX_LIMIT, RANGES } from "@/lib/logs/filters";
import { errorResponses, json, nullableStr, query, str, time } from "./openapi-parts";

const errors = errorResponses("An unknown or repeated parameter");
const notFound = (what: string) => ({ description: `No such ${what}`, content: json({ $ref: "#/components/schemas/Error" }) });

const paging = [query("before", str, "The nextCursor of the previous page"), query("limit", { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: 50 })];
const timeRange = (rangeDefault?: string) => [
  query(
    "range",
    { type: "string", enum: Object.keys(RANGES), ...(rangeDefault ? { default: rangeDefault } : {}) },
    `The window that ends at \`to\`, or now; \`from\` wins over it.${rangeDefault ? ` Without \`from\` and \`range\`, the last ${rangeDefault === "1h" ? "hour" : rangeDefault} (flow tables are large: a query always names its start).` : ""}`,
  ),
  query("from", str, "Inclusive. `2026-11-21` (UTC day), `2026-11-21T14:05` (UTC) or RFC 3339 with an offset"),
  query("to", str, "Inclusive; a date alone includes that whole day"),
];
const timeWindow = [...timeRange(), ...paging];
const flowFilters = [
  query("node", str, "The reporting node: its id or its device name"),
  query("kind", { type: "string", enum: FLOW_KINDS }),
  query("proto", str, "A number (6) or a name (tcp)"),
  query("ip", str, "An address or CIDR network at either end"),
  query("src", str, "An address or CIDR network at the source"),
  query("dst", str, "An address or CIDR network at the destination"),
  query("port", { type: "integer", minimum: 0, maximum: 65535 }, "At either end"),
  ...timeRange(DEFAULT_FLOW_RANGE),
];
const flowWindow = {
  type: "object",
  description: "The window read: `from` inclusive, `until` exclusive (null: up to now and beyond)",
  properties: { from: time, until: { ...nullableStr, format: "date-time" } },
};

const AuditEvent = {
  type: "object",
  properties: {
    id: str,
    eventTime: { ...time, description: "RFC 3339, UTC, microseconds" },
    receivedAt: time,
    loggedAt: nullableStr,
    eventGroupId: nullableStr,
    origin: nullableStr,
    actor: { type: "object", properties: { id: nullableStr, type: nullableStr, loginName: nullableStr, displayName: nullableStr, tags: { type: "array", items: str } } },
    target: { type: "object", properties: { id: nullableStr, name: nullableStr, type: nullableStr, property: nullableStr, isEphemeral: { type: ["boolean", "null"] } } },
    action: str,
    actionDetails: nullableStr,
    error: { ...nullableStr, description: "Set when the change failed" },
    old: { description: "The value before, any JSON (for ACL: the whole policy file)" },
    new: { description: "The value after, any JSON" },
    extra: { description: "Fields of the record without a column of their own (single event only)" },
  },
};
const nodeRef = { type: ["object", "null"], properties: { nodeId: str, name: nullableStr } };
const endpoint = { type: "object", properties: { ip: nullableStr, port: { type: ["integer", "null"] }, node: nodeRef } };
const Flow = {
  type: "object",
  properties: {
    windowStart: time,
    windowEnd: time,
    entryHash: str,
    node: nodeRef,
    kind: { type: "string", enum: FLOW_KINDS },
    proto: { type: ["integer", "null"] },
    protocol: nullableStr,
    src: endpoint,
    dst: endpoint,
    txPkts: { type: "integer" },
    txBytes: { type: "integer" },
    rxPkts: { type: "integer" },
    rxBytes: { type: "integer" },
  },
};
const Traffic = {
  type: "object",
  properties: { entries: { type: "integer" }, txBytes: { type: "integer" }, rxBytes: { type: "integer" }, txPkts: { type: "integer" }, rxPkts: { type: "integer" } },
};
const endpointAddress = { type: "object", properties: { ip: str, node: nodeRef } };
const Device = {
  type: "object",
  properties: {
    nodeId: str,
    name: nullableStr,
    addresses: { type: "array", items: str },
    os: nullableStr,
    userLogin: nullableStr,
    tags: { type: "array", items: str },
    firstSeenAt: time,
    lastSeenAt: time,
    lastRecordAt: { ...nullableStr, description: "End of the latest window the node reported itself" },
    lastReceivedAt: nullableStr,
    status: { type: "string", enum: DEVICE_STATUSES },
  },
};

export const LOG_PATHS: Record<string, object> = {
  "/api/v1/audit-events": {
    get: {
      summary: "Tailscale configuration audit events, newest first (access: logs.read)",
      operationId: "listAuditEvents",
      parameters: [
        query("q", str, "Text in the actor, target, details or error"),
        query("actor", str, "Actor login or name contains, or the actor id"),
        query("target", str, "Target id, or target name contains"),
        query("targetId", str, "Exactly this target id (a node id, a key id)"),
        query("source", { type: "integer", minimum: 1 }, "Ingest source id"),
        query("action", str, "e.g. DISABLE"),
        query("origin", str, "e.g. CONFIG_API"),
        query("targetType", str, "e.g. TAILNET"),
        query("property", str, "e.g. MAGIC_DNS"),
        query("actorType", str, "e.g. OAUTH_CLIENT"),
        query("eventGroup", str),
        query("failed", { type: "string", enum: ["true", "false"] }),
        ...timeWindow,
      ],
      responses: {
        "200": { description: "One page", content: json({ type: "object", properties: { events: { type: "array", items: AuditEvent }, nextCursor: nullableStr } }) },
        ...errors,
      },
    },
  },
  "/api/v1/audit-events/{id}": {
    get: {
      summary: "One audit event, and the other events of its operation (event group)",
      operationId: "getAuditEvent",
      parameters: [{ name: "id", in: "path", required: true, schema: str }],
      responses: {
        "200": { description: "The event", content: json({ type: "object", properties: {
              event: AuditEvent,
              group: { type: "array", items: AuditEvent },
              policyDiff: {
                description: "For policy file changes (property ACL): a line diff of the old and new texts, or {tooDifferent:true}; null otherwise",
                oneOf: [{ type: "null" }, { type: "object", properties: { added: { type: "integer" }, removed: { type: "integer" }, blocks: { type: "array", items: { type: "object" } } } }, { type: "object", properties: { tooDifferent: { const: true } } }],
              },
            } }) },
        "401": errors["401"],
        "403": errors["403"],
        "404": notFound("audit event"),
      },
    },
  },
  "/api/v1/flows": {
    get: {
      summary: "Tailscale flow log entries, newest window first (access: logs.read)",
      operationId: "listFlows",
      parameters: [...flowFilters, ...paging],
      responses: {
        "200": { description: "One page", content: json({ type: "object", properties: { window: flowWindow, flows: { type: "array", items: Flow }, nextCursor: nullableStr } }) },
        ...errors,
      },
    },
  },
  "/api/v1/flows/summary": {
    get: {
      summary: "Totals, top talkers and bytes over time of the flow entries /api/v1/flows lists with the same filters (access: logs.read)",
      description:
        "Counters are summed as nodes report them: traffic between two nodes that both log is counted by each. The chart's bucket size follows the window: a minute up to 3 hours, 5 minutes up to 15 hours, 15 minutes up to 45 hours, an hour up to 7.5 days, 6 hours up to 45 days, a day beyond.",
      operationId: "summarizeFlows",
      parameters: flowFilters,
      responses: {
        "200": {
          description: "The summary",
          content: json({
            type: "object",
            properties: {
              window: flowWindow,
              totals: Traffic,
              topNodes: { type: "array", description: `The ${TOP_TALKERS} reporting nodes with the most bytes (sent + received)`, items: { ...Traffic, properties: { ...Traffic.properties, node: nodeRef, bytes: { type: "integer" } } } },
              topPairs: {
                type: "array",
                description: `The ${TOP_TALKERS} source → destination address pairs with the most bytes`,
                items: { ...Traffic, properties: { ...Traffic.properties, src: endpointAddress, dst: endpointAddress, bytes: { type: "integer" } } },
              },
              series: {
                type: "object",
                properties: {
                  bucketSeconds: { type: "integer" },
                  points: { type: "array", description: "Every bucket of the window, oldest first, zeros included", items: { type: "object", properties: { start: time, txBytes: { type: "integer" }, rxBytes: { type: "integer" } } } },
                },
              },
            },
          }),
        },
        ...errors,
      },
    },
  },
  "/api/v1/devices": {
    get: {
      summary: "Devices the flow logs have shown, most recently seen first (access: logs.read)",
      operationId: "listDevices",
      parameters: [
        query("q", str, "Name, node id or user contains; an exact address, tag or OS"),
        query("status", { type: "string", enum: DEVICE_STATUSES }, "quiet: its own flow log stopped arriving"),
        query("page", { type: "integer", minimum: 1 }),
      ],
      responses: {
        "200": { description: "One page", content: json({ type: "object", properties: { devices: { type: "array", items: Device }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" }, quietAfterMinutes: { type: "integer" } } }) },
        ...errors,
      },
    },
  },
  "/api/v1/devices/{nodeId}": {
    get: {
      summary: "One device, its latest reported traffic and the configuration changes to it",
      operationId: "getDevice",
      parameters: [{ name: "nodeId", in: "path", required: true, schema: str }],
      responses: {
        "200": { description: "The device", content: json({ type: "object", properties: { device: Device, flows: { type: "array", items: Flow }, changes: { type: "array", items: AuditEvent } } }) },
        "401": errors["401"],
        "403": errors["403"],
        "404": notFound("device"),
      },
    },
  },
};
