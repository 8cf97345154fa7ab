import { fileResponse } from "@/lib/api/file-response";
import { withRoute } from "@/lib/api/with-route";
import { exportReview } from "@/lib/reviews/export";

// A signed-off review as a file for an auditor (?format=md or json).
export const GET = withRoute({}, async ({ viewer, params, request }) =>
  fileResponse(await exportReview({ viewer, id: String(params.id), format: request.nextUrl.searchParams.get("format") ?? "md" })),
);
