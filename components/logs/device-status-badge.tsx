// Whether a device sends its own flow logs, as a badge.
import { Badge } from "@/components/ui/badge";
import type { DeviceStatus } from "@/lib/logs/filters";

const LOOK: Record<DeviceStatus, { tone: "success" | "warning" | "neutral"; label: string; title: string }> = {
  reporting: { tone: "success", label: "Reporting", title: "Its own flow logs arrive" },
  quiet: { tone: "warning", label: "Quiet", title: "It sent flow logs before and has stopped" },
  "peer-only": { tone: "neutral", label: "Peer only", title: "Seen only in other nodes' logs: flow logging may be off on it" },
};

export function DeviceStatusBadge({ status }: { status: DeviceStatus }) {
  const look = LOOK[status];
  return (
    <Badge tone={look.tone} title={look.title}>
      {look.label}
    </Badge>
  );
}
