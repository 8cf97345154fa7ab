import { withRoute } from "@/lib/api/with-route";
import { ZDeviceFilter } from "@/lib/logs/filters";
import { listDevices } from "@/lib/logs/list-devices";
import { parseQuery } from "@/lib/logs/parse-query";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, request }) => listDevices({ viewer, filter: parseQuery(ZDeviceFilter, request.nextUrl.searchParams) }));
