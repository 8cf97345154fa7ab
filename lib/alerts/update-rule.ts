import "server-only";
// A rule's switches: on or off, a severity override, another dedup window. Written into the
// detection settings' `rules` map under the same lock as every settings change, so two people
// tuning two rules at once never undo each other; on the audit trail.
import { notFound, parseInput } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { findRule } from "@/lib/detections/registry";
import { changeDetectionSettings } from "@/lib/detections/settings";
import { ZDetectionSettings, type RuleOverride } from "@/lib/detections/settings-schema";
import { ZRuleUpdate } from "./schemas";


export async function updateRule({ viewer, id, input }: { viewer: Viewer; id: string; input: unknown }) {
  assertCan(viewer, "detections.manage");
  const rule = findRule(id);
  if (!rule) throw notFound("rule");
  const patch = parseInput(ZRuleUpdate, input);
  return changeDetectionSettings(viewer, (current) => {
    const before: RuleOverride = current.rules[id] ?? {};
    const after: RuleOverride = { ...before };
    if (patch.enabled !== undefined) after.enabled = patch.enabled;
    // Back to the rule's own value: the override is removed rather than stored equal.
    if (patch.severity !== undefined) after.severity = patch.severity ?? undefined;
    if (patch.dedupMinutes !== undefined) after.dedupMinutes = patch.dedupMinutes === null || patch.dedupMinutes === rule.dedupMinutes ? undefined : patch.dedupMinutes;
    if (after.enabled === true) delete after.enabled;
    for (const k of Object.keys(after) as (keyof RuleOverride)[]) if (after[k] === undefined) delete after[k];
    const rules = { ...current.rules };
    if (Object.keys(after).length) rules[id] = after;
    else delete rules[id];
    return {
      next: ZDetectionSettings.parse({ ...current, rules }),
      result: after,
      audit: { action: "detections.rule_update", targetType: "DetectionRule", targetId: id, before, after },
    };
  });
}
