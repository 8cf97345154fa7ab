import { withRoute } from "@/lib/api/with-route";
import { getDeviceOrThrow } from "@/lib/logs/get-device";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, params }) => getDeviceOrThrow({ viewer, nodeId: String(params.nodeId) }));
