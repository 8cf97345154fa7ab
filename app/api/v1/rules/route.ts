import { withRoute } from "@/lib/api/with-route";
import { listRules } from "@/lib/alerts/list-rules";

export const GET = withRoute({ permission: "alerts.read" }, async ({ viewer }) => ({ rules: await listRules({ viewer }) }));
