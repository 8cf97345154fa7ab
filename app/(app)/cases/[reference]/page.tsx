import type { Metadata } from "next";
import Link from "next/link";
import { formatDistanceStrict } from "date-fns";
import { CaseEditForm } from "@/components/cases/case-edit-form";
import { CaseLinkedAlerts, CaseMerge } from "@/components/cases/case-links";
import { CaseClassBadge } from "@/components/cases/case-badges";
import { CaseWorkflow } from "@/components/cases/case-workflow";
import { StatusBadge } from "@/components/reports/report-badges";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { VISIBILITIES, mayWorkCaseClass, userMayWorkCaseClass } from "@/lib/auth/visibility";
import { getCaseOrThrow } from "@/lib/cases/get-case";
import { listCasePeople, listOpenCasesForPicker } from "@/lib/cases/list-cases";
import { nextStatuses, OUTCOME_LABELS } from "@/lib/cases/status";
import { formatDateTime } from "@/lib/format";
import { orNotFoundPage } from "@/lib/page-helpers";
import { changeStatusAction, mergeCaseAction, unlinkAlertAction, updateCaseAction } from "./actions";

export const metadata: Metadata = { title: "Case" };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** "2026-11-21 14:05 UTC (3 h 10 min after …)", or "not yet". */
function stamp(at: Date | null, from: Date, after: string) {
  if (!at) return "not yet";
  return `${formatDateTime(at)} (${formatDistanceStrict(at, from)} after ${after})`;
}

export default async function CaseOverviewPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requirePermission("cases.access");
  const c = await orNotFoundPage(getCaseOrThrow({ viewer, reference: safeDecode(reference) }));
  const [people, openCases] = await Promise.all([listCasePeople({ viewer }), listOpenCasesForPicker({ viewer })]);
  const workable = !c.mergedInto && c.status !== "CLOSED" && mayWorkCaseClass(viewer, c.visibility);
  const classes = VISIBILITIES.filter((v) => VISIBILITIES.indexOf(v) >= VISIBILITIES.indexOf(c.visibility));
  const eligible = people.filter((p) => userMayWorkCaseClass({ ...p, disabledAt: null }, c.visibility));
  const facts: [string, React.ReactNode][] = [
    ["Aware since", formatDateTime(c.awareAt)],
    ["Opened", `${formatDateTime(c.createdAt)}${c.createdBy ? ` by ${c.createdBy.name}` : ""}`],
    ["Due (SLA)", c.dueAt ? `${formatDateTime(c.dueAt)}${c.due ? ` (${c.due.label})` : ""}` : "—"],
    ["Acknowledged", stamp(c.acknowledgedAt, c.createdAt, "the case was opened")],
    ["Contained", stamp(c.containedAt, c.awareAt, "awareness")],
    ["Resolved", stamp(c.resolvedAt, c.awareAt, "awareness")],
    ["Closed", c.closedAt ? formatDateTime(c.closedAt) : "not yet"],
    ["Outcome", c.outcome ? OUTCOME_LABELS[c.outcome] : "—"],
    ["Template", c.template?.name ?? "—"],
    ["Members", c.members.length ? c.members.map((m) => m.name).join(", ") : "—"],
  ];
  if (c.resolutionNote) facts.push(["Resolution note", <span key="note" className="whitespace-pre-wrap">{c.resolutionNote}</span>]);
  if (c.mergedFrom.length) {
    facts.push([
      "Merged here",
      <span key="merged" className="flex flex-wrap gap-2">
        {c.mergedFrom.map((r) => (
          <Link key={r} href={`/cases/${r}`} className="font-mono hover:underline">
            {r}
          </Link>
        ))}
      </span>,
    ]);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="flex min-w-0 flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Workflow</CardTitle>
          </CardHeader>
          <CardContent>
            {c.mergedInto ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">A merged case does not change.</p>
            ) : (
              <CaseWorkflow action={changeStatusAction} reference={c.reference} version={c.version} status={c.status} next={nextStatuses(c.status)} />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <CaseEditForm
              action={updateCaseAction}
              c={{ reference: c.reference, version: c.version, title: c.title, summary: c.summary, severity: c.severity, visibility: c.visibility, leadId: c.lead?.id ?? null, memberIds: c.members.map((m) => m.id) }}
              classes={classes}
              people={eligible}
              disabled={!workable}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Linked alerts ({c.alerts.length})</CardTitle>
          </CardHeader>
          <CardContent>
            <CaseLinkedAlerts action={unlinkAlertAction} reference={c.reference} alerts={c.alerts} canChange={workable && can(viewer, "alerts.read")} />
          </CardContent>
        </Card>
      </div>
      <div className="flex min-w-0 flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Timing</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
                  <dd className="break-words">{v}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Linked reports ({c.reports.length})</CardTitle>
          </CardHeader>
          <CardContent>
            {c.reports.length ? (
              <ul className="flex flex-col gap-2 text-sm" data-testid="case-reports">
                {c.reports.map((r) => (
                  <li key={r.reference} className="flex flex-wrap items-center gap-2">
                    <Link href={`/triage/${r.reference}`} className="font-mono hover:underline">
                      {r.reference}
                    </Link>
                    <StatusBadge status={r.status} />
                    <CaseClassBadge visibility={r.visibility} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No reports linked. Add one from its page in the report inbox.</p>
            )}
            <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">Reporters see only their report&apos;s status and the messages addressed to them, never the case.</p>
          </CardContent>
        </Card>
        {workable ? (
          <Card>
            <CardHeader>
              <CardTitle>Merge</CardTitle>
            </CardHeader>
            <CardContent>
              <CaseMerge action={mergeCaseAction} reference={c.reference} version={c.version} candidates={openCases.filter((o) => o.reference !== c.reference)} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
