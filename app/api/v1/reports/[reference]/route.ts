import { withRoute } from "@/lib/api/with-route";
import { getReportForApi } from "@/lib/reports/api-view";

export const GET = withRoute({ permission: "reports.create" }, async ({ viewer, params }) => {
  const { attachments, ...report } = await getReportForApi({ viewer, reference: String(params.reference) });
  return {
    ...report,
    attachments: attachments.map((a) => ({ ...a, url: `/api/reports/${report.reference}/attachments/${a.id}` })),
  };
});
