import "server-only";
// The known Tailscale devices, offered as suggestions for "device concerned" on the report form.
// Only names: every signed-in employee may report, and a name is what they would type anyway.
// Issue 3 asks for this picker for every reporter; the names are those the reporter would type.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

const MAX_CHOICES = 500;

export async function listDeviceChoices({ viewer }: { viewer: Viewer }): Promise<string[]> {
  assertCan(viewer, "reports.create");
  const devices = await db.device.findMany({
    where: { name: { not: null } },
    select: { name: true },
    orderBy: { lastSeenAt: "desc" },
    take: MAX_CHOICES,
  });
  // Tailscale's MagicDNS names may end with the root dot; people type them without it.
  return [...new Set(devices.map((d) => d.name!.replace(/\.$/, "")))].sort((a, b) => a.localeCompare(b));
}
