import { withRoute } from "@/lib/api/with-route";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { ZAlertApiFilter } from "@/lib/alerts/schemas";
import { parseQuery } from "@/lib/logs/parse-query";

export const GET = withRoute({ permission: "alerts.read" }, async ({ viewer, request }) =>
  listAlerts({ viewer, filter: parseQuery(ZAlertApiFilter, request.nextUrl.searchParams) }),
);
