import { withRoute } from "@/lib/api/with-route";
import { exportReview } from "@/lib/reviews/export";

// A signed-off review as a file for an auditor (?format=md or json).
export const GET = withRoute({}, async ({ viewer, params, request }) => {
  const { body, contentType, fileName } = await exportReview({ viewer, id: String(params.id), format: request.nextUrl.searchParams.get("format") ?? "md" });
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
