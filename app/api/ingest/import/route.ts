// File upload for the import page: POST /api/ingest/import?name=<file name>&source=<source name>
// with the file as the raw body. The body is streamed through the pipeline, never held whole;
// the answer is the summary (read, stored, duplicates, quarantined) once everything is committed.
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { AppError, parseInput } from "@/lib/errors";
import { BodyError } from "@/lib/ingest/decode-body";
import { IMPORTABLE, UPLOAD_LIMITS, importUpload } from "@/lib/ingest/import-files";

export const dynamic = "force-dynamic";

const ZUploadQuery = z.object({
  name: z
    .string({ error: "Say the file's name: ?name=<file name>." })
    .trim()
    .min(1, "Say the file's name: ?name=<file name>.")
    .max(255, "The file name is longer than 255 characters.")
    .regex(/^[^\p{Cc}]+$/u, "The file name holds control characters.")
    .regex(IMPORTABLE, "Upload a .json, .ndjson, .gz or .zst file."),
  source: z.string().trim().max(200).optional(),
});

const BODY_ERROR_CODE = { 400: "BAD_REQUEST", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE" } as const;

export const POST = withRoute({ permission: "logs.import" }, async ({ request, viewer }) => {
  const query = parseInput(ZUploadQuery, Object.fromEntries(request.nextUrl.searchParams));
  const declared = request.headers.get("content-length");
  const length = declared === null ? null : Number(declared);
  if (length !== null && length > UPLOAD_LIMITS.maxCompressedBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${UPLOAD_LIMITS.maxCompressedBytes / 1024 / 1024} MiB: import it with the CLI (npm run countersign -- import <path>).`);
  }
  if (!request.body || length === 0) throw new AppError("BAD_REQUEST", "The file is empty.");
  try {
    const summary = await importUpload({
      viewer,
      name: query.name,
      body: request.body as unknown as AsyncIterable<Uint8Array>,
      sourceName: query.source || undefined,
    });
    return { file: query.name, summary };
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // Batches committed before the error stay stored; importing the file again skips them.
    throw new AppError(BODY_ERROR_CODE[error.status], error.message);
  }
});
