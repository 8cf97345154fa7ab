import { withRoute } from "@/lib/api/with-route";
import { getAlertOrThrow } from "@/lib/alerts/get-alert";
import { patchAlert } from "@/lib/alerts/update-alerts";
import { ZAlertPatch } from "@/lib/alerts/schemas";

export const GET = withRoute({ permission: "alerts.read" }, async ({ viewer, params }) => {
  const { alert, events, eventsNotShown, rule, similar, suppressions } = await getAlertOrThrow({ viewer, id: String(params.id) });
  return { alert, events, eventsNotShown, rule, similar, suppressions };
});

export const PATCH = withRoute({ permission: "alerts.work", body: ZAlertPatch }, async ({ request, viewer, params, body }) => {
  await patchAlert({ viewer, id: String(params.id), input: body, ifMatch: request.headers.get("if-match") });
  const { alert } = await getAlertOrThrow({ viewer, id: String(params.id) });
  return { alert };
});
