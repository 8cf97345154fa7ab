import "server-only";
// One rule for its page: the summary of the rules list, plus its own test cases (what it should
// and should not catch) and its active suppressions.
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { findRule } from "@/lib/detections/registry";
import { listRules } from "./list-rules";
import { listSuppressions } from "./suppress-alert";

export async function getRuleOrThrow({ viewer, id }: { viewer: Viewer; id: string }) {
  assertCan(viewer, "alerts.read");
  const rule = findRule(id);
  if (!rule) throw notFound("rule");
  const [summary, suppressions] = await Promise.all([listRules({ viewer }).then((all) => all.find((r) => r.id === id)!), listSuppressions({ viewer, ruleId: id })]);
  const tests = rule.kind === "realtime" ? rule.tests.map((t) => ({ name: t.name, expected: t.expected, input: t.event })) : rule.tests.map((t) => ({ name: t.name, expected: t.expected, input: t.row as unknown }));
  return { rule: summary, tests, suppressions };
}
