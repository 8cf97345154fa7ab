// OpenAPI paths of the log review REST API (/api/v1/reviews). Reading needs logs.read (SECURITY,
// COO); anyone else is told a review does not exist (404).
import { errorBody, errorResponses, json, nullableStr, nullableTime, query, str, time } from "./openapi-parts";
import { REVIEW_ITEM_KEYS } from "@/lib/reviews/items";

const errors = errorResponses("Bad query parameters");
const notFound = { "404": { description: "No such review, or you may not read reviews", content: errorBody } };
const idParam = { name: "id", in: "path", required: true, schema: str };
const Status = { type: "string", enum: ["OPEN", "SIGNED_OFF"] };

const ReviewSummary = {
  type: "object",
  properties: {
    id: str,
    periodStart: time,
    periodEnd: { ...time, description: "The period is [periodStart, periodEnd)" },
    dueAt: time,
    status: Status,
    overdue: { type: "boolean", description: "Open and past its due time" },
    itemsChecked: { type: "integer" },
    itemsTotal: { type: "integer" },
    signedOffByLabel: nullableStr,
    signedOffAt: nullableTime,
    createdAt: time,
  },
};

const Tick = {
  type: ["object", "null"],
  properties: { checked: { type: "boolean" }, note: nullableStr, checkedById: nullableStr, checkedByLabel: nullableStr, checkedAt: nullableTime },
};

const ReviewDetail = {
  type: "object",
  properties: {
    ...ReviewSummary.properties,
    version: { type: "integer" },
    notes: nullableStr,
    items: { type: "array", items: { type: "object", properties: { key: { type: "string", enum: REVIEW_ITEM_KEYS }, label: str, help: str, tick: Tick } } },
    data: { type: "object", description: "Each item's data for the period (logging, alerts, gaps, logins, restarts): live while open, frozen at sign-off" },
    frozen: { type: "boolean" },
    signOffAuditHash: { ...nullableStr, description: "Hash of the sign-off entry on the audit trail" },
  },
};

export const REVIEW_PATHS: Record<string, object> = {
  "/api/v1/reviews": {
    get: {
      summary: "The regular log reviews: open ones first, then signed-off ones, newest period first (read: logs.read)",
      operationId: "listReviews",
      parameters: [
        query("status", Status),
        query("since", time, "Only reviews whose period ends at or after this time"),
        query("page", { type: "integer", minimum: 1, default: 1 }),
        query("pageSize", { type: "integer", minimum: 1, maximum: 200, default: 50 }),
      ],
      responses: {
        "200": { description: "One page", content: json({ type: "object", properties: { reviews: { type: "array", items: ReviewSummary }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } } }) },
        ...errors,
        ...notFound,
      },
    },
  },
  "/api/v1/reviews/{id}": {
    get: {
      summary: "A review with its checklist, ticks and each item's data",
      operationId: "getReview",
      parameters: [idParam],
      responses: { "200": { description: "The review", content: json(ReviewDetail) }, ...errors, ...notFound },
    },
  },
  "/api/v1/reviews/{id}/export": {
    get: {
      summary: "A signed-off review for an auditor (frozen data, ticks, notes, sign-off, audit-trail hash of the sign-off) as Markdown or JSON; each export is on the audit trail",
      operationId: "exportReview",
      parameters: [idParam, query("format", { type: "string", enum: ["md", "json"], default: "md" })],
      responses: {
        "200": { description: "The file (Content-Disposition: attachment)", content: { "text/markdown": { schema: { type: "string" } }, "application/json": { schema: ReviewDetail } } },
        ...errors,
        "409": { description: "The review is not signed off yet", content: errorBody },
        "422": { description: "An unknown format", content: errorBody },
        ...notFound,
      },
    },
  },
};
