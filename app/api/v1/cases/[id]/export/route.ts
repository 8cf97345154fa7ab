import { withRoute } from "@/lib/api/with-route";
import { exportCase } from "@/lib/cases/export/export-case";

// The case report as a file (?format=md or pdf), named after the case's reference.
export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const { body, contentType, fileName } = await exportCase({ viewer, reference: String(params.id), format: request.nextUrl.searchParams.get("format") ?? "md" });
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      "content-length": String(body.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
