import "server-only";
// The detection settings as stored, for the settings form: what people set, not the defaults
// the pipeline fills in (an empty list of company domains means "the domains of our users").
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { getDetectionSettings } from "@/lib/detections/settings";
import { DEFAULT_DETECTION_SETTINGS, ZDetectionSettings } from "@/lib/detections/settings-schema";

export async function getRuleSettings({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "alerts.read");
  const [row, effective] = await Promise.all([db.appSetting.findUnique({ where: { key: "detections" } }), getDetectionSettings()]);
  const parsed = ZDetectionSettings.safeParse({ ...DEFAULT_DETECTION_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
  return { stored: parsed.success ? parsed.data : DEFAULT_DETECTION_SETTINGS, companyDomainsInEffect: effective.companyDomains };
}
