import type { Metadata } from "next";
import Link from "next/link";
import { AlertStatusBadge, SeverityBadge } from "@/components/alerts/alert-badges";
import { EventFields } from "@/components/alerts/event-fields";
import { RunbookCard } from "@/components/alerts/runbook-card";
import { SuppressionList } from "@/components/alerts/suppression-list";
import { DefinitionList } from "@/components/logs/definition-list";
import { LineDiffView } from "@/components/logs/line-diff-view";
import { LogTime } from "@/components/logs/log-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getAlertOrThrow } from "@/lib/alerts/get-alert";
import { listAssignees } from "@/lib/alerts/list-assignees";
import { formatMinutes } from "@/lib/alerts/rule-meta";
import { DISMISSAL_LABELS } from "@/lib/alerts/vocabulary";
import { actionsFor } from "@/lib/alerts/status";
import { orNotFoundPage } from "@/lib/page-helpers";
import { CaseAddToForm } from "@/components/cases/case-add-to-form";
import { buttonClasses } from "@/components/ui/button";
import { caseOfAlert, listOpenCasesForPicker } from "@/lib/cases/list-cases";
import { addAlertsToCaseAction } from "../../cases/actions";
import { AlertControls, RevokeSuppressionButton, SuppressForm } from "./alert-controls";

export const metadata: Metadata = { title: "Alert" };

const link = "text-indigo-600 hover:underline dark:text-indigo-400";

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("alerts.read");
  const { id } = await params;
  const { alert: a, events, eventsNotShown, rule, similar, suppressions, policyDiff } = await orNotFoundPage(getAlertOrThrow({ viewer, id }));
  const canWork = can(viewer, "alerts.work");
  const assignees = canWork ? await listAssignees({ viewer }) : [];
  const casesAllowed = can(viewer, "cases.access");
  const [onCase, openCases] = await Promise.all([caseOfAlert({ viewer, alertId: a.id }), casesAllowed ? listOpenCasesForPicker({ viewer }) : Promise.resolve([])]);
  const first = [...events].reverse().find((e) => !e.isRelated) ?? events.at(-1);
  const context = Object.entries(a.context).filter(([k, v]) => k !== "policy" && v !== null && v !== undefined && v !== "");

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={a.severity} className="text-sm" />
            <span className="min-w-0 break-words">{a.title}</span>
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <AlertStatusBadge status={a.status} />
            <span>
              Alert #{a.id} · {a.eventCount} {a.eventCount === 1 ? "event" : "events"} · last seen <LogTime iso={a.lastSeenAt} /> UTC
            </span>
          </span>
        }
        actions={<Link href="/alerts" className={`text-sm ${link}`}>All alerts</Link>}
      />
      {a.status === "DISMISSED" && a.dismissal ? (
        <Alert tone="info" title={`Dismissed: ${DISMISSAL_LABELS[a.dismissal]}`} className="mb-4">
          {a.dismissReason}
        </Alert>
      ) : null}
      {/* On phones the actions come first; on wide screens they head the side column. */}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr] [&>*]:min-w-0">
        {canWork ? (
          <Card className="lg:col-start-2 lg:row-start-1">
            <CardHeader>
              <CardTitle>Actions</CardTitle>
            </CardHeader>
            <CardContent className="pb-5">
              <AlertControls id={a.id} version={a.version} actions={actionsFor({ status: a.status, assigneeId: a.assignee?.id ?? null })} assigneeId={a.assignee?.id ?? null} assignees={assignees} />
            </CardContent>
          </Card>
        ) : null}
        <div className="grid content-start gap-4 lg:col-start-1 lg:row-span-2 lg:row-start-1 [&>*]:min-w-0">
          <Card>
            <CardHeader>
              <CardTitle>What fired and why</CardTitle>
              {rule ? (
                <CardDescription>
                  <Link href={`/rules/${encodeURIComponent(rule.id)}`} className={link}>{rule.title}</Link> <span className="font-mono text-xs">({rule.id})</span>
                </CardDescription>
              ) : (
                <CardDescription>Rule {a.ruleId} is no longer in the registry.</CardDescription>
              )}
            </CardHeader>
            <CardContent className="grid gap-4 pb-5">
              {rule ? <p className="text-sm">{rule.description}</p> : null}
              {first ? (
                <div>
                  <h3 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">The event that raised it, matched fields highlighted</h3>
                  <div tabIndex={0} className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 py-1 dark:border-zinc-800" aria-label="Fields of the first event">
                    <EventFields data={first.data} matchedFields={first.matchedFields.length ? first.matchedFields : a.matchedFields} />
                  </div>
                </div>
              ) : null}
            </CardContent>
          </Card>
          {context.length ? (
            <Card>
              <CardHeader>
                <CardTitle>Context</CardTitle>
              </CardHeader>
              <CardContent className="pb-5">
                <DefinitionList items={context.map(([k, v]) => [k, typeof v === "string" ? <bdi key={k}>{v}</bdi> : <code key={k} className="font-mono text-xs break-all">{JSON.stringify(v)}</code>])} />
              </CardContent>
            </Card>
          ) : null}
          {policyDiff ? (
            <Card>
              <CardHeader>
                <CardTitle>Policy file changes</CardTitle>
              </CardHeader>
              <CardContent className="pb-5">
                <LineDiffView diff={policyDiff} label="Line changes to the policy file" />
              </CardContent>
            </Card>
          ) : null}
          <section aria-labelledby="events-heading">
            <h2 id="events-heading" className="mb-2 text-base font-semibold">
              Events <span className="text-sm font-normal text-zinc-500">newest first{eventsNotShown ? ` · ${eventsNotShown} more counted, not kept` : ""}</span>
            </h2>
            <ol className="divide-y divide-zinc-200 rounded-md border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {events.map((e) => (
                <li key={e.id} className="px-3 py-2">
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
                      <LogTime iso={e.eventTime} />
                      <Badge>{e.kind}</Badge>
                      {e.isRelated ? <Badge tone="success">followed by</Badge> : null}
                      {e.auditEventId ? (
                        <Link href={`/logs/audit/${encodeURIComponent(e.auditEventId)}`} className={`text-xs ${link}`}>
                          In the config log
                        </Link>
                      ) : e.records ? (
                        <Link href={e.records.href} className={`text-xs ${link}`}>
                          {e.records.label}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs text-zinc-500">{e.eventKey.slice(0, 60)}</span>
                      )}
                    </summary>
                    <div className="mt-2 overflow-auto rounded-md border border-zinc-200 py-1 dark:border-zinc-800">
                      <EventFields data={e.data} matchedFields={e.matchedFields} />
                    </div>
                  </details>
                </li>
              ))}
            </ol>
          </section>
          {rule ? (
            <RunbookCard rule={rule} />
          ) : null}
        </div>
        <div className="grid content-start gap-4 lg:col-start-2 lg:row-start-2 [&>*]:min-w-0">
          {casesAllowed || onCase ? (
            <Card>
              <CardHeader>
                <CardTitle>Case</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3 pb-5 text-sm">
                {onCase ? (
                  onCase.sealed ? (
                    <p>This alert is linked to a case.</p>
                  ) : (
                    <p>
                      Linked to{" "}
                      <Link href={`/cases/${onCase.reference}`} className={link}>
                        {onCase.reference}
                      </Link>
                      : <bdi>{onCase.title}</bdi>
                    </p>
                  )
                ) : (
                  <>
                    <Link href={`/cases/new?alerts=${a.id}`} className={buttonClasses({ className: "w-full" })}>
                      Open a case
                    </Link>
                    <CaseAddToForm action={addAlertsToCaseAction} cases={openCases} hidden={{ alertIds: String(a.id) }} idPrefix="alert-case" />
                  </>
                )}
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent className="pb-5">
              <DefinitionList
                items={[
                  ["Assignee", a.assignee ? a.assignee.name || a.assignee.email : "nobody"],
                  ["Entity", a.entity ? <span key="e"><span className="text-zinc-500">{a.entityType}</span> <bdi className="font-mono text-xs break-all">{a.entity}</bdi></span> : null],
                  ["Device", a.deviceNodeId ? <Link key="d" href={`/devices/${encodeURIComponent(a.deviceNodeId)}`} className={`font-mono text-xs ${link}`}>{a.deviceNodeId}</Link> : null],
                  ["User", a.userLogin ? <bdi key="u">{a.userLogin}</bdi> : null],
                  ["First seen", <LogTime key="f" iso={a.firstSeenAt} />],
                  ["Last seen", <LogTime key="l" iso={a.lastSeenAt} />],
                  ["Raised", <LogTime key="c" iso={a.createdAt} />],
                  ["Acknowledged", a.acknowledgedAt ? <LogTime key="a" iso={a.acknowledgedAt} /> : null],
                  ["Dedup window", rule ? formatMinutes(rule.dedupMinutes) : null],
                  ["Dedup key", <span key="k" className="font-mono text-xs break-all">{a.dedupKey}</span>],
                ]}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Suppressions</CardTitle>
              <CardDescription>{a.entity ? "Silence this rule for this entity while a known change runs." : "This alert names no entity to suppress."}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3 pb-5">
              {suppressions.length ? (
                <SuppressionList suppressions={suppressions} action={canWork ? (s) => <RevokeSuppressionButton suppressionId={s.id} back={`/alerts/${a.id}`} /> : undefined} />
              ) : (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">None active.</p>
              )}
              {canWork && a.entity ? (
                <details>
                  <summary className="cursor-pointer text-sm font-medium">Suppress for this {a.entityType ?? "entity"}…</summary>
                  <div className="mt-3">
                    <SuppressForm id={a.id} />
                  </div>
                </details>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Similar alerts</CardTitle>
              <CardDescription>Same rule or same entity, last 30 days</CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              {similar.length ? (
                <ul className="space-y-2 text-sm">
                  {similar.map((s) => (
                    <li key={s.id} className="flex items-start gap-2">
                      <SeverityBadge severity={s.severity} />
                      <span className="min-w-0">
                        <Link href={`/alerts/${s.id}`} className={`break-words ${link}`}>{s.title}</Link>
                        <span className="block text-xs text-zinc-500">
                          <LogTime iso={s.lastSeenAt} /> · {s.status.toLowerCase()}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">None.</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
