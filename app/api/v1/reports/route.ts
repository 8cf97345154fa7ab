import { readJson, withRoute } from "@/lib/api/with-route";
import { parseInput } from "@/lib/errors";
import { listReportsForApi } from "@/lib/reports/api-view";
import { createReport } from "@/lib/reports/create-report";
import { ZInboxFilter } from "@/lib/reports/triage";

export const GET = withRoute({ permission: "reports.create" }, async ({ viewer, request }) => {
  const filter = parseInput(ZInboxFilter, Object.fromEntries(request.nextUrl.searchParams));
  return listReportsForApi({ viewer, filter });
});

export const POST = withRoute({ permission: "reports.create" }, async ({ viewer, request }) => {
  const report = await createReport({ viewer, input: await readJson(request) });
  return Response.json({ ...report, url: `${request.nextUrl.origin}/reports/${report.reference}` }, { status: 201 });
});
