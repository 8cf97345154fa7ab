import type { Metadata } from "next";
import Link from "next/link";
import { RunbookCard } from "@/components/alerts/runbook-card";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { SuppressionList } from "@/components/alerts/suppression-list";
import { DefinitionList } from "@/components/logs/definition-list";
import { LogTime } from "@/components/logs/log-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getRuleOrThrow } from "@/lib/alerts/get-rule";
import { formatMinutes, runsLabel } from "@/lib/alerts/rule-meta";
import { orNotFoundPage } from "@/lib/page-helpers";
import { RevokeSuppressionButton } from "../../alerts/[id]/alert-controls";
import { RuleSwitches } from "../rule-switches";
import { TryRuleBox } from "./try-rule-box";

export const metadata: Metadata = { title: "Rule" };

const link = "text-indigo-600 hover:underline dark:text-indigo-400";

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("alerts.read");
  const { id } = await params;
  const { rule, tests, suppressions } = await orNotFoundPage(getRuleOrThrow({ viewer, id: decodeURIComponent(id) }));
  const canManage = can(viewer, "detections.manage");
  const canWork = can(viewer, "alerts.work");
  const example = tests.find((t) => t.expected)?.input;

  return (
    <>
      <PageHeader
        title={rule.title}
        description={<span className="font-mono text-xs">{rule.id}</span>}
        actions={<Link href="/rules" className={`text-sm ${link}`}>All rules</Link>}
      />
      {rule.watermark?.lastError ? <Alert tone="danger" title="The last run failed" className="mb-4">{rule.watermark.lastError}</Alert> : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] [&>*]:min-w-0">
        <div className="grid content-start gap-4 [&>*]:min-w-0">
          <Card>
            <CardHeader>
              <CardTitle>What it detects</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 pb-5 text-sm">
              <p>{rule.description}</p>
              <DefinitionList
                items={[
                  ["Severity", <SeverityBadge key="s" severity={rule.severity} />],
                  ["Status", rule.enabled ? <Badge key="e" tone="success">Enabled</Badge> : <Badge key="e">Disabled</Badge>],
                  ["Runs", runsLabel(rule, true)],
                  ["Reads", `The ${rule.logType} log`],
                  ["Dedup window", formatMinutes(rule.dedupMinutes)],
                  ["Alerts", <Link key="a" href={`/alerts?status=all&rule=${encodeURIComponent(rule.id)}`} className={link}>{rule.alertCount} ({rule.openCount} open)</Link>],
                  ["False positives", rule.falsePositiveRate === null ? "—" : `${Math.round(rule.falsePositiveRate * 100)}%`],
                  ["Last fired", rule.lastFiredAt ? <LogTime key="l" iso={rule.lastFiredAt} /> : "never"],
                  ["Evaluated to", rule.watermark ? <LogTime key="w" iso={rule.watermark.evaluatedTo} /> : null],
                ]}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Try it</CardTitle>
              <CardDescription>
                {rule.kind === "realtime" ? "Paste a log record; the rule runs on it with the current settings and the known devices." : "Paste a row as the rule's SQL returns it (a JSON object); the rule judges it with the current settings."}
              </CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              <TryRuleBox ruleId={rule.id} example={example === undefined ? "" : JSON.stringify(example, null, 2)} />
            </CardContent>
          </Card>
          <section aria-labelledby="tests-heading">
            <h2 id="tests-heading" className="mb-2 text-base font-semibold">Its own tests</h2>
            <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {tests.map((t) => (
                <li key={t.name} className="px-3 py-2">
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
                      {t.expected ? <Badge tone="danger">matches</Badge> : <Badge>no match</Badge>}
                      {t.name}
                    </summary>
                    <pre tabIndex={0} className="mt-2 max-h-80 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs whitespace-pre-wrap break-all dark:bg-zinc-950">
                      {JSON.stringify(t.input, null, 2)}
                    </pre>
                  </details>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="grid content-start gap-4 [&>*]:min-w-0">
          {canManage ? (
            <Card>
              <CardHeader>
                <CardTitle>Switches</CardTitle>
              </CardHeader>
              <CardContent className="pb-5">
                <RuleSwitches rule={rule} />
              </CardContent>
            </Card>
          ) : null}
          <RunbookCard rule={rule} />
          <Card>
            <CardHeader>
              <CardTitle>Suppressions</CardTitle>
              <CardDescription>Entities this rule is silenced for. Suppress from an alert&apos;s page.</CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              {suppressions.length ? (
                <SuppressionList suppressions={suppressions} action={canWork ? (s) => <RevokeSuppressionButton suppressionId={s.id} back={`/rules/${encodeURIComponent(rule.id)}`} /> : undefined} />
              ) : (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">None active.</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
