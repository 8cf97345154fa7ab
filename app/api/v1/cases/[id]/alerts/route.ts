import { readJson, withRoute } from "@/lib/api/with-route";
import { linkAlerts } from "@/lib/cases/link-alerts";

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => linkAlerts({ viewer, reference: String(params.id), input: await readJson(request) }));
