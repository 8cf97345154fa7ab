import { ALERT_PATHS } from "./openapi-alerts";
import { CASE_PATHS } from "./openapi-cases";
import { LOG_PATHS } from "./openapi-logs";
import { INTEGRITY_PATHS } from "./openapi-integrity";
import { REVIEW_PATHS } from "./openapi-reviews";
import { CATEGORIES, SIGNS, URGENCIES } from "@/lib/reports/catalog";

// The REST API's OpenAPI description, served at /api/v1/openapi.json. Each feature adds its paths.
export function openApiDocument(serverUrl: string) {
  const error = {
    type: "object",
    properties: {
      error: {
        type: "object",
        properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
        required: ["code", "message"],
      },
      requestId: { type: "string", nullable: true },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Countersign API",
      version: "1",
      description:
        "Personal API tokens act as the user who created them, with that user's roles. Create one under Account → API tokens or with `npm run countersign -- token create --user <email> --name <name>`.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (cs_…)" } },
      schemas: {
        Error: error,
        ReportInput: {
          type: "object",
          required: ["category", "description"],
          properties: {
            category: { type: "string", enum: Object.keys(CATEGORIES).filter((c) => c !== "VULNERABILITY") },
            signs: { type: "array", items: { type: "string", enum: Object.keys(SIGNS) } },
            description: { type: "string", maxLength: 20000 },
            noticedAt: { type: "string", description: "ISO 8601 with offset, or local date-time with noticedTimeZone" },
            noticedTimeZone: { type: "string", example: "Europe/Berlin" },
            concerned: { type: "string", maxLength: 500 },
            urgency: { type: "string", enum: Object.keys(URGENCIES) },
            visibility: { type: "string", enum: ["STANDARD", "SENSITIVE"], description: "Code of Conduct reports are always COO_ONLY" },
          },
        },
        ReportSummary: {
          type: "object",
          properties: {
            access: { type: "string", enum: ["triage", "reporter"] },
            reference: { type: "string" },
            category: { type: "string" },
            status: { type: "string" },
            visibility: { type: "string" },
            createdAt: { type: "string", format: "date-time" },
          },
        },
        VulnerabilityReportInput: {
          type: "object",
          required: ["description"],
          properties: {
            name: { type: "string", maxLength: 200 },
            email: { type: "string", format: "email" },
            affectedProduct: { type: "string", maxLength: 500 },
            description: { type: "string", maxLength: 20000 },
          },
        },
        Me: {
          type: "object",
          properties: {
            id: { type: "string" },
            email: { type: "string", format: "email" },
            name: { type: "string" },
            roles: { type: "array", items: { type: "string", enum: ["EMPLOYEE", "SECURITY", "COO", "ADMIN"] } },
            permissions: { type: "array", items: { type: "string" } },
          },
          required: ["id", "email", "name", "roles", "permissions"],
        },
      },
      responses: {
        Invalid: { description: "The request was not understood; error.details.fieldErrors names each field", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        Unauthenticated: { description: "Missing, malformed, unknown, revoked or expired token", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        Forbidden: { description: "The token's user is disabled or lacks the permission", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      ...LOG_PATHS,
      ...ALERT_PATHS,
      ...CASE_PATHS,
      ...INTEGRITY_PATHS,
      ...REVIEW_PATHS,
      "/api/v1/reports": {
        get: {
          summary: "Reports you may see: those you may triage (access: triage) and your own (access: reporter)",
          operationId: "listReports",
          parameters: [
            { name: "status", in: "query", schema: { type: "string", enum: ["RECEIVED", "IN_REVIEW", "RESOLVED", "CLOSED", "OPEN"] } },
            { name: "category", in: "query", schema: { type: "string" } },
            { name: "visibility", in: "query", schema: { type: "string", enum: ["STANDARD", "SENSITIVE", "COO_ONLY"] } },
            { name: "age", in: "query", schema: { type: "string", enum: ["24h", "7d", "30d", "older"] } },
            { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          ],
          responses: {
            "200": { description: "Reports", content: { "application/json": { schema: { type: "object", properties: { reports: { type: "array", items: { $ref: "#/components/schemas/ReportSummary" } }, total: { type: "integer" } } } } } },
            "401": { $ref: "#/components/responses/Unauthenticated" },
            "422": { $ref: "#/components/responses/Invalid" },
          },
        },
        post: {
          summary: "File a report as the token's user",
          operationId: "createReport",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ReportInput" } } } },
          responses: {
            "201": { description: "Filed", content: { "application/json": { schema: { type: "object", properties: { reference: { type: "string" }, status: { type: "string" }, visibility: { type: "string" }, url: { type: "string" } } } } } },
            "400": { $ref: "#/components/responses/Invalid" },
            "401": { $ref: "#/components/responses/Unauthenticated" },
            "413": { $ref: "#/components/responses/Invalid" },
            "415": { $ref: "#/components/responses/Invalid" },
            "422": { $ref: "#/components/responses/Invalid" },
          },
        },
      },
      "/api/v1/reports/{reference}": {
        get: {
          summary: "One report: the triage view if you may triage it, the reporter's view if it is yours; otherwise 404",
          operationId: "getReport",
          parameters: [{ name: "reference", in: "path", required: true, schema: { type: "string", example: "RPT-2026-0042" } }],
          responses: {
            "200": { description: "The report", content: { "application/json": { schema: { type: "object" } } } },
            "401": { $ref: "#/components/responses/Unauthenticated" },
            "404": { description: "No such report, or not one you may see", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          },
        },
      },
      "/api/public/vulnerability-reports": {
        post: {
          summary: "Report a vulnerability without an account (multipart/form-data or JSON); rate-limited per address",
          operationId: "createVulnerabilityReport",
          security: [],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/VulnerabilityReportInput" } },
              "multipart/form-data": { schema: { allOf: [{ $ref: "#/components/schemas/VulnerabilityReportInput" }, { type: "object", properties: { attachments: { type: "array", items: { type: "string", format: "binary" } } } }] } },
            },
          },
          responses: {
            "201": { description: "Received; followUrl is the private link to follow and answer", content: { "application/json": { schema: { type: "object", properties: { reference: { type: "string" }, followUrl: { type: "string" } } } } } },
            "422": { $ref: "#/components/responses/Invalid" },
            "429": { description: "Too many reports from this address; see Retry-After", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          },
        },
      },
      "/api/v1/me": {
        get: {
          summary: "Who you are",
          operationId: "getMe",
          responses: {
            "200": { description: "The token's user", content: { "application/json": { schema: { $ref: "#/components/schemas/Me" } } } },
            "401": { $ref: "#/components/responses/Unauthenticated" },
            "403": { $ref: "#/components/responses/Forbidden" },
          },
        },
      },
    },
  };
}
