import { withRoute } from "@/lib/api/with-route";
import { integrityDevices } from "@/lib/integrity/api";
import { ZIntegrityDeviceFilter } from "@/lib/integrity/api-filters";
import { parseQuery } from "@/lib/logs/parse-query";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, request }) => integrityDevices({ viewer, filter: parseQuery(ZIntegrityDeviceFilter, request.nextUrl.searchParams) }));
