// OpenAPI paths of the alert REST API (/api/v1/alerts, /api/v1/rules). Alerts page by cursor:
// pass a page's nextCursor as `before` (with the same sort) to get the next page.
import { ALERT_SORTS, ALERT_STATUSES, DISMISSALS, MAX_ALERT_LIMIT } from "@/lib/alerts/schemas";
import { SEVERITIES } from "@/lib/detections/severity";
import { errorBody, errorResponses, json, nullableStr, nullableTime, query, Severity, str, time } from "./openapi-parts";

const errors = errorResponses("An unknown or repeated parameter, or a body that is not JSON");
const notFound = { description: "No such alert", content: errorBody };
const idParam = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };

const Alert = {
  type: "object",
  properties: {
    id: { type: "integer" },
    ruleId: str,
    severity: Severity,
    title: str,
    dedupKey: str,
    status: { type: "string", enum: ALERT_STATUSES },
    dismissal: { type: ["string", "null"], enum: [...DISMISSALS, null] },
    dismissReason: nullableStr,
    assignee: { type: ["object", "null"], properties: { id: str, name: str, email: str } },
    firstSeenAt: { ...time, description: "Event time of the first matching event" },
    lastSeenAt: { ...time, description: "Event time of the latest matching event" },
    eventCount: { type: "integer" },
    context: { type: "object", description: "What the rule says about the first event" },
    matchedFields: { type: "array", items: str, description: "Paths of the fields that made the rule match" },
    entityType: { type: ["string", "null"], enum: ["device", "user", "key", "address", null] },
    entity: nullableStr,
    deviceNodeId: nullableStr,
    userLogin: nullableStr,
    createdAt: time,
    updatedAt: time,
    acknowledgedAt: nullableTime,
    dismissedAt: nullableTime,
    version: { type: "integer", description: "Send it back with PATCH; every change (and every joining event) bumps it" },
  },
};
const AlertEvent = {
  type: "object",
  properties: {
    id: str,
    eventKey: { ...str, description: "audit:<id>, flow:<window start>:<entry hash>, window:<from>:<key>" },
    kind: str,
    eventTime: time,
    isRelated: { type: "boolean", description: "Joined without raising (e.g. the setting turned back on)" },
    matchedFields: { type: "array", items: str },
    data: { description: "The event as it was when it matched" },
    auditEventId: { ...nullableStr, description: "The config log event (GET /api/v1/audit-events/{id})" },
    records: {
      type: ["object", "null"],
      description: "The log explorer page filtered to the records behind the event: a windowed rule's window and entity, a flow entry's node and window",
      properties: { href: str, label: str },
    },
  },
};
const Rule = {
  type: "object",
  properties: {
    id: str,
    title: str,
    description: str,
    kind: { type: "string", enum: ["realtime", "windowed"] },
    logType: { type: "string", enum: ["audit", "flow", "app"] },
    severity: { type: ["string", "null"], enum: [...SEVERITIES, null], description: "With the override applied; null when the rule decides per event" },
    severityOverride: { type: ["string", "null"], enum: [...SEVERITIES, null] },
    enabled: { type: "boolean" },
    dedupMinutes: { type: "integer" },
    windowMinutes: { type: ["integer", "null"] },
    threshold: {
      type: ["object", "null"],
      description: "A threshold rule: an alert is raised once `count` matching events with the same dedup key fall within `windowMinutes`",
      properties: { count: { type: "integer" }, windowMinutes: { type: "integer" } },
    },
    runbook: { type: "array", items: str },
    references: { type: "array", items: str },
    mitre: { type: "array", items: { type: "object", properties: { tag: str, tactic: str, technique: str } } },
    alertCount: { type: "integer" },
    openCount: { type: "integer" },
    lastFiredAt: nullableTime,
    falsePositiveRate: { type: ["number", "null"], description: "Alerts dismissed as FALSE_POSITIVE over all of the rule's alerts" },
    watermark: { type: ["object", "null"], properties: { evaluatedTo: time, lastRunAt: nullableTime, lastDurationMs: { type: ["integer", "null"] }, lastError: nullableStr } },
  },
};

export const ALERT_PATHS: Record<string, object> = {
  "/api/v1/alerts": {
    get: {
      summary: "Alerts, newest first unless sorted otherwise (access: alerts.read)",
      operationId: "listAlerts",
      parameters: [
        query("status", str, `One or more of ${ALERT_STATUSES.join(", ")}, comma-separated`),
        query("severity", str, `One or more of ${SEVERITIES.join(", ")}, comma-separated`),
        query("rule", str, "A rule id, e.g. Tailscale.Audit.HTTPSDisabled"),
        query("since", str, "Last seen at or after: `2026-11-21`, `2026-11-21T14:05` (UTC) or RFC 3339"),
        query("sort", { type: "string", enum: ALERT_SORTS, default: "newest" }),
        query("before", str, "The nextCursor of the previous page (same sort)"),
        query("limit", { type: "integer", minimum: 1, maximum: MAX_ALERT_LIMIT, default: 50 }),
      ],
      responses: {
        "200": {
          description: "One page, and the count of each status under the same filters",
          content: json({ type: "object", properties: { alerts: { type: "array", items: Alert }, nextCursor: nullableStr, statusCounts: { type: "object", additionalProperties: { type: "integer" } } } }),
        },
        ...errors,
      },
    },
  },
  "/api/v1/alerts/{id}": {
    get: {
      summary: "One alert with its newest 200 events, the rule, similar alerts and suppressions (access: alerts.read)",
      operationId: "getAlert",
      parameters: [idParam],
      responses: {
        "200": {
          description: "The alert",
          content: json({
            type: "object",
            properties: { alert: Alert, events: { type: "array", items: AlertEvent }, eventsNotShown: { type: "integer" }, rule: { oneOf: [Rule, { type: "null" }] }, similar: { type: "array", items: Alert }, suppressions: { type: "array", items: { type: "object" } } },
          }),
        },
        "401": errors["401"],
        "403": errors["403"],
        "404": notFound,
      },
    },
    patch: {
      summary: "Acknowledge, reopen, dismiss or (un)assign an alert (access: alerts.work)",
      description:
        "To refuse a stale change, send the `version` you read, in the body or as `If-Match: \"3\"`; if the alert changed since, the answer is 409 (412 for If-Match) and nothing changes. Without either, the change applies to the alert as it is (last write wins). Dismissing needs `dismissal` and `reason`. Asking for the status it already has changes nothing.",
      operationId: "updateAlert",
      parameters: [
        idParam,
        { name: "If-Match", in: "header", schema: str, description: 'The alert\'s version from GET when the body has none: `"3"` (or `3`); `*` for any version. A weak tag, a list or anything else is a 400.' },
      ],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          additionalProperties: false,
          properties: {
            status: { type: "string", enum: ["OPEN", "ACKNOWLEDGED", "DISMISSED"] },
            assignee: { type: ["string", "null"], description: "A security team member's user id or e-mail address; null to unassign" },
            dismissal: { type: "string", enum: DISMISSALS },
            reason: { type: "string", maxLength: 2000 },
            version: { type: "integer", description: "The version you read (GET); optional. If If-Match is sent too, the two must agree" },
          },
        }),
      },
      responses: {
        "200": { description: "The alert after the change", content: json({ type: "object", properties: { alert: Alert } }) },
        ...errors,
        "400": { description: "A body that is not JSON, a malformed If-Match, or a body version and If-Match that disagree", content: errorBody },
        "404": notFound,
        "409": { description: "The alert changed since `version`, or the change does not apply to its status", content: errorBody },
        "412": { description: "The alert changed since the version in If-Match", content: errorBody },
        "413": { description: "The body is too large", content: errorBody },
        "415": { description: "The body is not JSON", content: errorBody },
      },
    },
  },
  "/api/v1/rules": {
    get: {
      summary: "Every detection rule, as configured, with its alert statistics (access: alerts.read)",
      operationId: "listRules",
      responses: { "200": { description: "The rules", content: json({ type: "object", properties: { rules: { type: "array", items: Rule } } }) }, "401": errors["401"], "403": errors["403"] },
    },
  },
};
