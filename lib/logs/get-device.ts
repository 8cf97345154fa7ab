import "server-only";
// One device with what the logs say about it: its latest traffic and the configuration
// changes made to it.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { getIngestSettings } from "@/lib/ingest/settings";
import { ZAuditEventFilter, ZFlowFilter } from "./filters";
import { listAuditEvents } from "./list-audit-events";
import { listFlows } from "./list-flows";
import { toDeviceView } from "./list-devices";

export async function getDeviceOrThrow({ viewer, nodeId, now = new Date() }: { viewer: Viewer; nodeId: string; now?: Date }) {
  assertCan(viewer, "logs.read");
  if (nodeId.length > 200 || /[\u0000-\u001f\u007f]/.test(nodeId)) throw notFound("device");
  const [device, { quietAfterMinutes }] = await Promise.all([db.device.findUnique({ where: { nodeId } }), getIngestSettings()]);
  if (!device) throw notFound("device");
  const [flows, changes] = await Promise.all([
    // Its latest traffic: the day before it was last seen (the flow log reads a bounded window).
    listFlows({ viewer, filter: ZFlowFilter.parse({ node: nodeId, from: new Date(device.lastSeenAt.getTime() - 86_400_000).toISOString(), limit: "20" }), now }),
    listAuditEvents({ viewer, filter: ZAuditEventFilter.parse({ targetId: nodeId, limit: "20" }), now }),
  ]);
  return { device: toDeviceView(device, quietAfterMinutes, now), flows: flows.flows, changes: changes.events };
}
