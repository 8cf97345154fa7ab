import { withRoute } from "@/lib/api/with-route";
import { ZFlowSummaryFilter } from "@/lib/logs/filters";
import { parseQuery } from "@/lib/logs/parse-query";
import { summarizeFlows } from "@/lib/logs/summarize-flows";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, request }) => summarizeFlows({ viewer, filter: parseQuery(ZFlowSummaryFilter, request.nextUrl.searchParams) }));
