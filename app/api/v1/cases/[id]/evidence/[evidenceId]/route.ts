import { Readable } from "node:stream";
import { withRoute } from "@/lib/api/with-route";
import { openEvidence } from "@/lib/cases/evidence/evidence-records";
import { contentDisposition } from "@/lib/cases/evidence/sanitize-name";

// The bytes as stored, always as an attachment; every download is on the audit trail (custody).
export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const purpose = request.nextUrl.searchParams.get("purpose") === "play" ? "play" : "download";
  const file = await openEvidence({ viewer, reference: String(params.id), evidenceId: String(params.evidenceId), purpose });
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": contentDisposition(file.name),
      "x-evidence-sha256": file.sha256,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
    },
  });
});
