import { withRoute } from "@/lib/api/with-route";
import { integrityPairs } from "@/lib/integrity/api";
import { ZIntegrityPairFilter } from "@/lib/integrity/api-filters";
import { parseQuery } from "@/lib/logs/parse-query";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, request }) => integrityPairs({ viewer, filter: parseQuery(ZIntegrityPairFilter, request.nextUrl.searchParams) }));
