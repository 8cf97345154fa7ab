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

const evidenceIdParam = { name: "evidenceId", in: "path", required: true, schema: str };
const Evidence = {
  type: "object",
  properties: {
    id: str,
    name: str,
    kind: { type: "string", enum: ["FILE", "CAST", "LOG_EXPORT"] },
    contentType: str,
    size: { type: "integer" },
    sha256: { ...str, description: "SHA-256 of the bytes, taken while they were received" },
    storage: { type: "string", enum: ["DISK", "DB"] },
    createdAt: time,
  },
};

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
  "/api/v1/cases/{id}/tasks": {
    get: {
      summary: "The case's tasks (with assignees and comments) and progress: required and all tasks done, overdue",
      operationId: "listCaseTasks",
      parameters: [idParam],
      responses: { "200": { description: "Tasks and progress", content: json({ type: "object", properties: { tasks: { type: "array", items: { type: "object" } }, progress: { type: "object" } } }) }, ...errors, ...notFound },
    },
    post: {
      summary: "Add a task at the case version you loaded; the assignee must be someone who may work the case, the due date today or later",
      operationId: "addCaseTask",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["version", "title"],
          properties: {
            version: { type: "integer" },
            title: { ...str, maxLength: 300 },
            description: { ...str, maxLength: 5000 },
            required: { type: "boolean", description: "Must be done before a confirmed incident closes" },
            assignee: { ...nullableStr, description: "A user id or e-mail address" },
            dueAt: { ...nullableStr, example: "2026-12-01", description: "A day (its end, UTC) or a time" },
          },
        }),
      },
      responses: { "201": { description: "Added", content: json({ type: "object" }) }, ...errors, ...notFound, ...conflict },
    },
  },
  "/api/v1/cases/{id}/observables": {
    get: {
      summary: "The case's observables, each with the other cases (that you may see) and alerts where the same value appears",
      operationId: "listCaseObservables",
      parameters: [idParam, query("q", str, "Part of a value")],
      responses: { "200": { description: "Observables", content: json({ type: "object", properties: { observables: { type: "array", items: { type: "object" } }, total: { type: "integer" } } }) }, ...errors, ...notFound },
    },
    post: {
      summary: "Add an observable by hand, checked and normalised for its type",
      operationId: "addCaseObservable",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["type", "value"],
          properties: { type: { type: "string", enum: ["IP", "DEVICE_ID", "DEVICE_NAME", "USER", "KEY_ID", "DOMAIN", "HASH", "URL"] }, value: { ...str, maxLength: 2048 } },
        }),
      },
      responses: { "201": { description: "Added", content: json({ type: "object" }) }, ...errors, ...notFound, "409": { description: "Already on the case", content: errorBody } },
    },
  },
  "/api/v1/cases/{id}/comments": {
    get: {
      summary: "The case's internal comments, oldest first",
      operationId: "listCaseComments",
      parameters: [idParam],
      responses: { "200": { description: "Comments", content: json({ type: "object", properties: { comments: { type: "array", items: { type: "object" } } } }) }, ...errors, ...notFound },
    },
    post: {
      summary: "Post an internal comment; @handle or @e-mail mentions must be people who may see the case, and each is notified",
      operationId: "addCaseComment",
      parameters: [idParam],
      requestBody: { required: true, content: json({ type: "object", required: ["body"], properties: { body: { ...str, maxLength: 20000 } } }) },
      responses: { "201": { description: "Posted", content: json({ type: "object" }) }, ...errors, ...notFound },
    },
  },
  "/api/v1/cases/{id}/evidence": {
    get: {
      summary: "The case's evidence, newest first, each with its chain of custody; with q, only items whose name, SHA-256, description or text (a recording's output, a log export's manifest) matches, with the matching lines",
      operationId: "listCaseEvidence",
      parameters: [idParam, query("q", { ...str, maxLength: 200 }, "Text to find")],
      responses: { "200": { description: "The evidence", content: json({ type: "object", properties: { reference: str, query: nullableStr, items: { type: "array", items: Evidence } } }) }, ...errors, ...notFound },
    },
    post: {
      summary: "Add evidence: multipart/form-data with a `file` field (and optional `description`), or the raw bytes with the file name in X-File-Name. SHA-256 is taken while the upload streams; .cast files must be valid asciicast v2 recordings",
      operationId: "addCaseEvidence",
      parameters: [
        idParam,
        { name: "X-File-Name", in: "header", schema: str, description: "Raw uploads: the file name (percent-encoded UTF-8 allowed); sanitised before it is kept" },
        { name: "X-Description", in: "header", schema: str, description: "Raw uploads: a description" },
      ],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" }, description: { ...str, maxLength: 2000 } } } },
          "application/octet-stream": { schema: { type: "string", format: "binary" } },
        },
      },
      responses: {
        "201": { description: "Added", content: json({ type: "object", properties: { reference: str, version: { type: "integer" }, evidence: Evidence } }) },
        "400": { description: "An empty file, no file field, a malformed multipart body, or a malformed .cast recording (the message names the line)", content: errorBody },
        "401": { $ref: "#/components/responses/Unauthenticated" },
        "403": { $ref: "#/components/responses/Forbidden" },
        ...notFound,
        "413": { description: "Larger than EVIDENCE_MAX_BYTES (the message gives the limit; error.details.maxBytes)", content: errorBody },
        "415": { description: "Neither multipart nor a raw body with X-File-Name, or a file whose content contradicts its declared type", content: errorBody },
      },
    },
  },
  "/api/v1/cases/{id}/evidence/{evidenceId}": {
    get: {
      summary: "Download the stored bytes (as an attachment, SHA-256 in X-Evidence-SHA256). Each download is recorded on the audit trail and in the item's chain of custody",
      operationId: "downloadCaseEvidence",
      parameters: [idParam, evidenceIdParam, query("purpose", { type: "string", enum: ["download", "play"], default: "download" }, "play: the in-page player fetching a recording (recorded as such)")],
      responses: {
        "200": { description: "The bytes", headers: { "X-Evidence-SHA256": { schema: str, description: "SHA-256 recorded at upload" } }, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
        ...errors,
        "404": { description: "No such case or evidence, or a case you may not see", content: errorBody },
        "409": { description: "The stored file is missing from the evidence folder", content: errorBody },
      },
    },
  },
  "/api/v1/cases/{id}/evidence/{evidenceId}/verify": {
    post: {
      summary: "Re-hash the stored bytes and say whether they still match the SHA-256 taken at upload (recorded on the audit trail)",
      operationId: "verifyCaseEvidence",
      parameters: [idParam, evidenceIdParam],
      responses: {
        "200": { description: "The result", content: json({ type: "object", properties: { evidenceId: str, name: str, ok: { type: "boolean" }, missing: { type: "boolean" }, expected: str, actual: nullableStr, size: { type: ["integer", "null"] } } }) },
        ...errors,
        "404": { description: "No such case or evidence, or a case you may not see", content: errorBody },
      },
    },
  },
  "/api/v1/cases/{id}/evidence/preserve-logs": {
    post: {
      summary: "Copy the Tailscale audit events and flow records of a time range concerning some devices into the case, as one gzip NDJSON evidence item with a manifest of SHA-256 hashes (kept when the logs age out)",
      operationId: "preserveCaseLogs",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["from", "to", "devices"],
          properties: {
            from: time,
            to: time,
            devices: { type: "array", items: str, minItems: 1, maxItems: 50, description: "Node ids or device names" },
            include: { type: "array", items: { type: "string", enum: ["audit", "flow"] }, default: ["audit", "flow"] },
            description: { ...str, maxLength: 2000 },
          },
        }),
      },
      responses: {
        "201": { description: "Preserved", content: json({ type: "object", properties: { reference: str, version: { type: "integer" }, evidence: Evidence } }) },
        ...errors,
        "422": { description: "Invalid input, an unknown device, no records, or more records than EVIDENCE_PRESERVE_MAX_RECORDS", content: errorBody },
        ...notFound,
      },
    },
  },
  "/api/v1/cases/{id}/export": {
    get: {
      summary: "The case report (summary, severity, status and stamps, timeline, linked alerts and reports by title, tasks, impact, disclosure decision and obligations, evidence with SHA-256) as Markdown or PDF; each export is on the audit trail",
      operationId: "exportCase",
      parameters: [idParam, query("format", { type: "string", enum: ["md", "pdf"], default: "md" })],
      responses: {
        "200": {
          description: "The file, named after the case (Content-Disposition: attachment; filename=\"CASE-2026-0007.pdf\")",
          content: { "text/markdown": { schema: { type: "string" } }, "application/pdf": { schema: { type: "string", format: "binary" } } },
        },
        ...errors,
        "422": { description: "An unknown format", content: errorBody },
        ...notFound,
      },
    },
  },
};
