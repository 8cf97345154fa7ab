// OpenAPI paths of the case REST API (/api/v1/cases). A case is addressed by its reference
// (CASE-2026-0007); one the caller may not see answers 404, like one that does not exist.
import { SEVERITIES } from "@/lib/detections/severity";
import { VISIBILITIES } from "@/lib/auth/visibility";
import { CASE_OUTCOMES, CASE_STATUSES } from "@/lib/cases/status";
import { errorBody, errorResponses, json, nullableStr, nullableTime, query, Severity, str, time } from "./openapi-parts";

const errors = errorResponses("A body that is not JSON");
const notFound = { "404": { description: "No such case, or one you may not see", content: errorBody } };
const conflict = { "409": { description: "The case changed since you loaded it (error.details.version is the current one), or the alert is on another case", content: errorBody } };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", example: "CASE-2026-0007" } };

const Visibility = { type: "string", enum: VISIBILITIES, description: "Only ever tightened: STANDARD → SENSITIVE → COO_ONLY" };
const Status = { type: "string", enum: CASE_STATUSES };
const Outcome = { type: "string", enum: CASE_OUTCOMES };

const CaseSummary = {
  type: "object",
  properties: {
    reference: str,
    title: str,
    severity: Severity,
    visibility: Visibility,
    status: Status,
    outcome: { type: ["string", "null"], enum: [...CASE_OUTCOMES, null] },
    awareAt: time,
    dueAt: nullableTime,
    isOverdue: { type: "boolean" },
    lead: { type: ["object", "null"], properties: { id: str, name: str, email: str } },
    alertCount: { type: "integer" },
    reportCount: { type: "integer" },
    createdAt: time,
    updatedAt: time,
    version: { type: "integer", description: "Send it back with PATCH" },
  },
};

export const CASE_PATHS: Record<string, object> = {
  "/api/v1/cases": {
    get: {
      summary: "Cases you may see (access: SECURITY and COO; COO_ONLY cases: the COO alone)",
      operationId: "listCases",
      parameters: [
        query("status", str, `One or more of ${CASE_STATUSES.join(", ")}, comma-separated`),
        query("severity", str, `One or more of ${SEVERITIES.join(", ")}, comma-separated`),
        query("lead", str, "A user id or e-mail address, or `none`"),
        query("q", str, "Text in the reference, title, summary or an observable"),
        query("open", { type: "boolean" }, "Only cases not resolved or closed"),
        query("sort", { type: "string", enum: ["updated", "overdue", "created"], default: "updated" }, "overdue: overdue open cases first, then by due date"),
        query("visibility", str, "One or more of STANDARD, SENSITIVE, COO_ONLY, comma-separated"),
        query("mine", { type: "boolean" }, "Only cases you lead or are a member of"),
        query("overdue", { type: "boolean" }, "Only open cases past their due date"),
        query("page", { type: "integer", minimum: 1, default: 1 }),
        query("pageSize", { type: "integer", minimum: 1, maximum: 200, default: 50 }),
      ],
      responses: {
        "200": {
          description: "One page; counts per status and of overdue cases under the same filters",
          content: json({ type: "object", properties: { cases: { type: "array", items: CaseSummary }, total: { type: "integer" }, statusCounts: { type: "object", additionalProperties: { type: "integer" } }, overdue: { type: "integer" } } }),
        },
        ...errors,
      },
    },
    post: {
      summary: "Open a case, from scratch (title and severity) or from alerts and/or reports (pre-filled from them)",
      operationId: "createCase",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          properties: {
            title: { ...str, maxLength: 300 },
            summary: str,
            severity: Severity,
            visibility: { ...Visibility, description: "At least the strictest linked report's class" },
            awareAt: { ...time, description: "When the team became aware; defaults to the earliest alert or report" },
            alertIds: { type: "array", items: { type: "integer" } },
            reports: { type: "array", items: { type: "string", example: "RPT-2026-0042" } },
            template: { ...str, description: "A template kind, e.g. compromised-device-or-key, or its id" },
            lead: { ...str, description: "A user id or e-mail address" },
          },
        }),
      },
      responses: { "201": { description: "Opened", content: json({ type: "object", properties: { reference: str, visibility: Visibility, status: Status, version: { type: "integer" }, url: str } }) }, ...errors, ...notFound, ...conflict },
    },
  },
  "/api/v1/cases/{id}": {
    get: {
      summary: "One case: members, alerts, reports, tasks, observables, disclosure obligations and the timeline merged with the alerts' events and the evidence added",
      operationId: "getCase",
      parameters: [idParam],
      responses: { "200": { description: "The case", content: json({ type: "object" }) }, ...errors, ...notFound },
    },
    patch: {
      summary: "Change a case at the version you loaded; with status, moves it through the workflow (RESOLVED needs an outcome)",
      operationId: "updateCase",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["version"],
          properties: {
            version: { type: "integer" },
            title: str,
            summary: str,
            severity: Severity,
            visibility: Visibility,
            lead: { ...nullableStr, description: "A user id or e-mail address; null removes the lead" },
            members: { type: "array", items: str, description: "The whole member list" },
            status: Status,
            outcome: Outcome,
            resolutionNote: str,
          },
        }),
      },
      responses: {
        "200": { description: "Changed", content: json({ type: "object", properties: { reference: str, version: { type: "integer" }, changed: { type: "array", items: str } } }) },
        ...errors,
        "422": { description: "Invalid input, an illegal transition (error.details.reasons), or a loosened visibility", content: errorBody },
        ...notFound,
        ...conflict,
      },
    },
  },
  "/api/v1/cases/{id}/alerts": {
    post: {
      summary: "Link alerts to the case (they become LINKED; their observables join the case)",
      operationId: "linkCaseAlerts",
      parameters: [idParam],
      requestBody: { required: true, content: json({ type: "object", required: ["alertIds"], properties: { alertIds: { type: "array", items: { type: "integer" }, minItems: 1 } } }) },
      responses: { "200": { description: "Linked", content: json({ type: "object", properties: { linked: { type: "array", items: { type: "integer" } }, version: { type: "integer" } } }) }, ...errors, ...notFound, ...conflict },
    },
  },
  "/api/v1/cases/{id}/timeline": {
    post: {
      summary: "Add a timeline entry with the time it happened",
      operationId: "addCaseTimelineEntry",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["body", "occurredAt"],
          properties: { body: str, occurredAt: time, timeZone: { ...str, example: "Europe/Berlin" }, source: { ...str, maxLength: 300 } },
        }),
      },
      responses: { "201": { description: "Added", content: json({ type: "object" }) }, ...errors, ...notFound },
    },
  },
};
