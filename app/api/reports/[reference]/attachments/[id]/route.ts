import { withRoute } from "@/lib/api/with-route";
import { getReportAttachment } from "@/lib/reports/get-attachment";

// Always a download, never rendered: the file is whatever the reporter sent.
export const GET = withRoute({}, async ({ viewer, params }) => {
  const attachment = await getReportAttachment({ viewer, reference: String(params.reference), attachmentId: String(params.id) });
  return new Response(new Uint8Array(attachment.data), {
    headers: {
      "content-type": attachment.contentType,
      "content-length": String(attachment.size),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "x-checksum-sha256": attachment.sha256,
      "cache-control": "private, no-store",
    },
  });
});
