// Splunk HTTP Event Collector endpoint for Tailscale log streaming (Splunk or Panther
// destination): POST /services/collector/event (also /services/collector and …/event/1.0).
// Answers as Splunk does: 200 {"text":"Success","code":0} once the records are committed.
import { randomUUID } from "node:crypto";
import { logger } from "@/lib/logger";
import { BodyError, parseContentEncoding } from "@/lib/ingest/decode-body";
import { ingestStream } from "@/lib/ingest/ingest";
import { INGEST_LIMITS } from "@/lib/ingest/limits";
import { authenticateIngest } from "@/lib/ingest/sources";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path?: string[] }> };

// Splunk HEC status codes, so Splunk-speaking clients understand our answers.
const hec = (status: number, text: string, code: number, headers: Record<string, string> = {}) =>
  Response.json({ text, code }, { status, headers });

const isEventPath = (path: string[]) => path.length === 0 || (path[0] === "event" && (path.length === 1 || (path.length === 2 && path[1] === "1.0")));

export async function POST(request: Request, context: Context) {
  const path = (await context.params).path ?? [];
  if (!isEventPath(path)) return hec(404, "The requested URL was not found on this server.", 404);
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  const authorization = request.headers.get("authorization");
  if (!authorization) return hec(401, "Token is required", 2, { "www-authenticate": 'Basic realm="countersign"' });
  const source = await authenticateIngest(authorization).catch((err) => {
    logger.error({ err, requestId }, "ingest token lookup failed");
    return undefined;
  });
  if (source === undefined) return hec(503, "Server is busy", 9, { "retry-after": "5" });
  if (!source) return hec(403, "Invalid token", 4);

  const started = performance.now();
  try {
    const encoding = parseContentEncoding(request.headers.get("content-encoding"));
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > INGEST_LIMITS.maxCompressedBytes) throw new BodyError(413, `The request body is larger than ${INGEST_LIMITS.maxCompressedBytes} bytes.`);
    if (!request.body) throw new BodyError(400, "The body is empty: no records.");
    const summary = await ingestStream(request.body as unknown as AsyncIterable<Uint8Array>, {
      sourceId: source.id,
      encoding,
      countRequest: true,
      requireRecords: true,
    });
    logger.debug({ requestId, source: source.name, ms: Math.round(performance.now() - started), ...summary }, "ingested");
    return hec(200, "Success", 0);
  } catch (error) {
    if (error instanceof BodyError) {
      const code = error.status === 400 ? (/empty/.test(error.message) ? 5 : 6) : error.status === 413 ? 27 : 6;
      return hec(error.status, error.message, code);
    }
    // Nothing of this request was acknowledged: Tailscale retries, and duplicates are skipped.
    logger.error({ err: error, requestId, source: source.name }, "ingest failed");
    return hec(503, "Server is busy", 9, { "retry-after": "5" });
  }
}

export async function GET(_request: Request, context: Context) {
  const path = (await context.params).path ?? [];
  if (path.length === 1 && path[0] === "health") return hec(200, "HEC is healthy", 17);
  return hec(405, "Use POST to send events.", 405, { allow: "POST" });
}
