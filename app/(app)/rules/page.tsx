import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { LogTime } from "@/components/logs/log-time";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getRulesPage, type RuleSummary } from "@/lib/alerts/list-rules";
import { Alert } from "@/components/ui/alert";
import { formatMinutes, runsLabel } from "@/lib/alerts/rule-meta";
import { RuleSwitches } from "./rule-switches";

export const metadata: Metadata = { title: "Rules" };

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-sm font-medium tabular-nums">{children}</dd>
    </div>
  );
}

function RuleCard({ rule, canManage }: { rule: RuleSummary; canManage: boolean }) {
  return (
    <Card className={rule.enabled ? undefined : "opacity-80"}>
      <CardContent className="grid gap-4 py-4 md:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={rule.severity} />
            {rule.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
            <Badge>{runsLabel(rule)}</Badge>
            <Badge>{rule.logType} log</Badge>
          </div>
          <h2 className="text-base font-semibold">
            <Link href={`/rules/${encodeURIComponent(rule.id)}`} className="hover:underline focus-visible:underline">
              {rule.title}
            </Link>
          </h2>
          <p className="font-mono text-xs text-zinc-500">{rule.id}</p>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{rule.description}</p>
          <dl className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:gap-x-8">
            <Stat label="Last fired">{rule.lastFiredAt ? <LogTime iso={rule.lastFiredAt} /> : "never"}</Stat>
            <Stat label="Alerts">
              <Link href={`/alerts?status=all&rule=${encodeURIComponent(rule.id)}`} className="text-indigo-600 hover:underline dark:text-indigo-400">{rule.alertCount}</Link>
            </Stat>
            <Stat label="Open">{rule.openCount}</Stat>
            <Stat label="False positives">{percent(rule.falsePositiveRate)}</Stat>
            <Stat label="Dedup window">{formatMinutes(rule.dedupMinutes)}</Stat>
          </dl>
          {rule.watermark ? (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Evaluated to <LogTime iso={rule.watermark.evaluatedTo} /> UTC{rule.watermark.lastDurationMs !== null ? ` in ${rule.watermark.lastDurationMs} ms` : ""}
              {rule.watermark.lastError ? <span className="mt-1 block text-red-700 dark:text-red-400">Last error: {rule.watermark.lastError}</span> : null}
            </p>
          ) : null}
        </div>
        {canManage ? (
          <div className="border-t border-zinc-200 pt-3 md:border-t-0 md:border-l md:pt-0 md:pl-4 dark:border-zinc-800">
            <RuleSwitches rule={rule} compact />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

export default async function RulesPage() {
  const viewer = await requirePermission("alerts.read");
  const { rules, advice } = await getRulesPage({ viewer });
  const canManage = can(viewer, "detections.manage");
  return (
    <>
      <PageHeader
        title="Rules"
        description="The detections Countersign runs over the Tailscale logs, each one a file of code with its own tests. Rates count every alert a rule raised."
        actions={canManage ? <Link href="/rules/settings" className={buttonClasses({ variant: "secondary" })}>Thresholds and lists</Link> : null}
      />
      {advice.length ? (
        <Alert tone="warning" title="Some rules will be noisy until their settings are filled in" className="mb-4">
          <ul className="grid list-disc gap-1 pl-5">
            {advice.map((a) => (
              <li key={a.ruleId}>
                <strong>{a.setting}</strong> {a.text}
              </li>
            ))}
          </ul>
          {canManage ? (
            <p className="mt-2">
              <Link href="/rules/settings" className="font-medium underline">
                Fill them in under Thresholds and lists
              </Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {rules.length === 0 ? (
        <EmptyState title="No rules" description="Rules are added to the registry in lib/detections." />
      ) : (
        <div className="grid gap-4">
          {rules.map((r) => (
            <RuleCard key={r.id} rule={r} canManage={canManage} />
          ))}
        </div>
      )}
    </>
  );
}
