import { fileResponse } from "@/lib/api/file-response";
import { withRoute } from "@/lib/api/with-route";
import { exportCase } from "@/lib/cases/export/export-case";

// The case report as a file (?format=md or pdf), named after the case's reference.
export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) =>
  fileResponse(await exportCase({ viewer, reference: String(params.id), format: request.nextUrl.searchParams.get("format") ?? "md" })),
);
