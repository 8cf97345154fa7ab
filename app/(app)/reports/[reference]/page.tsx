import type { Metadata } from "next";
import { AttachmentList } from "@/components/reports/attachment-list";
import { MessageThread } from "@/components/reports/message-thread";
import { ClassBadge, StatusBadge } from "@/components/reports/report-badges";
import { ReplyForm } from "@/components/reports/reply-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { orNotFoundPage } from "@/lib/page-helpers";
import { CATEGORIES, SIGNS } from "@/lib/reports/catalog";
import { getMyReport, TEAM_LABEL } from "@/lib/reports/reporter-view";
import { replyAction } from "./actions";

export const metadata: Metadata = { title: "Your report" };

export default async function MyReportPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requireViewer(`/reports/${reference}`);
  const report = await orNotFoundPage(getMyReport({ viewer, reference }));
  return (
    <>
      <PageHeader title={report.reference} description={`${CATEGORIES[report.category]} · filed ${formatDateTime(report.createdAt)}`} actions={<StatusBadge status={report.status} />} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardHeader>
            <CardTitle>Conversation with the {TEAM_LABEL.toLowerCase()}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <MessageThread
              empty="No messages yet. The team will write here if they have questions."
              messages={report.messages.map((m) => ({ ...m, author: m.kind === "TO_REPORTER" ? TEAM_LABEL : "You" }))}
            />
            {report.status === "CLOSED" ? null : <ReplyForm action={replyAction} hidden={{ reference: report.reference }} label="Your reply" submitLabel="Send reply" />}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>What you reported</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm">
            <div className="flex flex-wrap gap-2"><ClassBadge visibility={report.visibility} /></div>
            <p className="whitespace-pre-wrap break-words [unicode-bidi:isolate]">{report.description}</p>
            {report.signs.length ? <p className="text-zinc-600 dark:text-zinc-400">Signs: {report.signs.map((s) => SIGNS[s]).join(", ")}</p> : null}
            {report.concerned ? <p className="text-zinc-600 dark:text-zinc-400">Concerning: <bdi>{report.concerned}</bdi></p> : null}
            {report.noticedAt ? <p className="text-zinc-600 dark:text-zinc-400">Noticed: {formatDateTime(report.noticedAt)}{report.noticedTimeZone ? ` (you were in ${report.noticedTimeZone})` : ""}</p> : null}
            <AttachmentList reference={report.reference} attachments={report.attachments} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
