// Building blocks shared by the OpenAPI paths of each domain (openapi-logs, -alerts, -cases).
import { SEVERITIES } from "@/lib/detections/severity";

export const json = (schema: object) => ({ "application/json": { schema } });
export const query = (name: string, schema: object, description?: string) => ({ name, in: "query", schema, ...(description ? { description } : {}) });
export const str = { type: "string" };
export const nullableStr = { type: ["string", "null"] };
export const time = { type: "string", format: "date-time" };
export const nullableTime = { type: ["string", "null"], format: "date-time" };
export const errorBody = json({ $ref: "#/components/schemas/Error" });
export const Severity = { type: "string", enum: SEVERITIES };

/** The error answers every authenticated route shares; `badRequest` says what a 400 means there. */
export const errorResponses = (badRequest: string) => ({
  "400": { description: badRequest, content: errorBody },
  "401": { $ref: "#/components/responses/Unauthenticated" },
  "403": { $ref: "#/components/responses/Forbidden" },
  "422": { $ref: "#/components/responses/Invalid" },
});
