import type { Metadata } from "next";
import Link from "next/link";
import { formatDistanceStrict } from "date-fns";
import { AttachmentList } from "@/components/reports/attachment-list";
import { MessageThread } from "@/components/reports/message-thread";
import { ClassBadge, StatusBadge, UrgencyBadge } from "@/components/reports/report-badges";
import { ReplyForm } from "@/components/reports/reply-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { orNotFoundPage } from "@/lib/page-helpers";
import { CATEGORIES, SIGNS } from "@/lib/reports/catalog";
import { getReportForTriage } from "@/lib/reports/triage";
import { CaseAddToForm } from "@/components/cases/case-add-to-form";
import { buttonClasses } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { caseOfReport, listOpenCasesForPicker } from "@/lib/cases/list-cases";
import { addReportToCaseAction } from "../../cases/actions";
import { internalNoteAction, messageReporterAction } from "./message-actions";
import { TriageControls } from "./triage-controls";

export const metadata: Metadata = { title: "Report" };

export default async function TriageReportPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requirePermission("reports.triage");
  const report = await orNotFoundPage(getReportForTriage({ viewer, reference }));
  const casesAllowed = can(viewer, "cases.access");
  const [onCase, openCases] = await Promise.all([caseOfReport({ viewer, reportId: report.id }), casesAllowed ? listOpenCasesForPicker({ viewer }) : Promise.resolve([])]);
  const reporter = report.reporter ? `${report.reporter.name} <${report.reporter.email}>` : [report.externalName, report.externalEmail].filter(Boolean).join(" ") || "Anonymous external reporter";
  const facts: [string, React.ReactNode][] = [
    ["Category", CATEGORIES[report.category]],
    ["From", <bdi key="from">{reporter}</bdi>],
    ["Received", formatDateTime(report.createdAt)],
    ["Acknowledged", report.acknowledgedAt ? `${formatDateTime(report.acknowledgedAt)} (after ${formatDistanceStrict(report.acknowledgedAt, report.createdAt)})` : "not yet"],
    ["Noticed", report.noticedAt ? `${formatDateTime(report.noticedAt)}${report.noticedTimeZone ? ` (${report.noticedTimeZone})` : ""}` : "—"],
    ["Concerning", report.concerned ? <bdi key="c">{report.concerned}</bdi> : "—"],
    ["Affected product", report.affectedProduct ? <bdi key="p">{report.affectedProduct}</bdi> : null],
    ["Signs", report.signs.length ? report.signs.map((s) => SIGNS[s]).join(", ") : "—"],
    ["Outcome", report.outcome ?? report.dismissReason ?? null],
  ];
  return (
    <>
      <PageHeader
        title={report.reference}
        description={CATEGORIES[report.category]}
        actions={
          <div className="flex flex-wrap gap-2">
            <ClassBadge visibility={report.visibility} />
            <UrgencyBadge urgency={report.urgency} />
            <StatusBadge status={report.status} />
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader><CardTitle>Report</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-4 text-sm">
              <p className="whitespace-pre-wrap break-words [unicode-bidi:isolate]">{report.description}</p>
              <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1">
                {facts.filter(([, v]) => v !== null).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
                    <dd className="break-words">{v}</dd>
                  </div>
                ))}
              </dl>
              <AttachmentList reference={report.reference} attachments={report.attachments} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle>Conversation and notes</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-6">
              <MessageThread empty="Nothing yet." messages={report.messages.map((m) => ({ ...m, author: m.kind === "FROM_REPORTER" ? "Reporter" : m.authorLabel }))} />
              <div className="grid gap-6 md:grid-cols-2">
                <ReplyForm action={messageReporterAction} hidden={{ reference: report.reference }} label="Ask or tell the reporter" submitLabel="Send to reporter" />
                <ReplyForm action={internalNoteAction} hidden={{ reference: report.reference }} label="Internal note (never shown to the reporter)" submitLabel="Add note" />
              </div>
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-6 self-start">
          <Card>
            <CardHeader><CardTitle>Triage</CardTitle></CardHeader>
            <CardContent>
              <TriageControls reference={report.reference} status={report.status} acknowledged={Boolean(report.acknowledgedAt)} />
            </CardContent>
          </Card>
          {casesAllowed || onCase ? (
            <Card>
              <CardHeader><CardTitle>Case</CardTitle></CardHeader>
              <CardContent className="grid gap-3 text-sm">
                {onCase ? (
                  onCase.sealed ? (
                    <p>This report is linked to a case.</p>
                  ) : (
                    <p data-testid="report-case">
                      Linked to{" "}
                      <Link href={`/cases/${onCase.reference}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                        {onCase.reference}
                      </Link>
                      : <bdi>{onCase.title}</bdi>
                    </p>
                  )
                ) : (
                  <>
                    <Link href={`/cases/new?reports=${report.reference}`} className={buttonClasses({ className: "w-full" })}>
                      Open a case
                    </Link>
                    <CaseAddToForm action={addReportToCaseAction} cases={openCases} hidden={{ report: report.reference }} idPrefix="report-case" />
                  </>
                )}
                <p className="text-xs text-zinc-500 dark:text-zinc-400">The reporter sees only the report&apos;s status and the messages addressed to them, never the case.</p>
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
