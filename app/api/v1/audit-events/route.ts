import { withRoute } from "@/lib/api/with-route";
import { ZAuditEventFilter } from "@/lib/logs/filters";
import { listAuditEvents } from "@/lib/logs/list-audit-events";
import { parseQuery } from "@/lib/logs/parse-query";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, request }) =>
  listAuditEvents({ viewer, filter: parseQuery(ZAuditEventFilter, request.nextUrl.searchParams), values: "full" }),
);
