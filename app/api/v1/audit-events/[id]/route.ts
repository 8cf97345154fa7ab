import { withRoute } from "@/lib/api/with-route";
import { getAuditEventOrThrow } from "@/lib/logs/get-audit-event";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, params }) => getAuditEventOrThrow({ viewer, id: String(params.id) }));
