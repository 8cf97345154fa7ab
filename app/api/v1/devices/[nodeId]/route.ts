import { withRoute } from "@/lib/api/with-route";
import { getDeviceOrThrow } from "@/lib/logs/get-device";
import { decodedSegment } from "@/lib/logs/path-segment";

export const GET = withRoute({ permission: "logs.read" }, async ({ viewer, params }) => getDeviceOrThrow({ viewer, nodeId: decodedSegment(String(params.nodeId)) }));
