import { withRoute } from "@/lib/api/with-route";
import { ZFlowFilter } from "@/lib/logs/filters";
import { listFlows } from "@/lib/logs/list-flows";
import { parseQuery } from "@/lib/logs/parse-query";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, request }) => listFlows({ viewer, filter: parseQuery(ZFlowFilter, request.nextUrl.searchParams) }));
