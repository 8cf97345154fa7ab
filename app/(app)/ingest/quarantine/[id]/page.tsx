import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatBytes } from "@/components/ingest/format";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTimeSeconds } from "@/lib/format";
import { getQuarantinedRecordOrThrow } from "@/lib/ingest/quarantine";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Quarantined record" };

export default async function QuarantinedRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("ingest.status");
  const record = await orNotFoundPage(getQuarantinedRecordOrThrow({ viewer, id: (await params).id }));
  return (
    <>
      <Link href={record.sourceId ? `/ingest/quarantine?source=${record.sourceId}` : "/ingest/quarantine"} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
        <ArrowLeft aria-hidden="true" className="size-4" /> Quarantine
      </Link>
      <PageHeader title={`Quarantined record #${record.id}`} description={`Received ${formatDateTimeSeconds(record.receivedAt)} from ${record.sourceName ?? "an unknown source"}.`} />
      <div className="flex flex-col gap-6">
        <Alert tone="warning" title="Why it was quarantined">
          <p className="break-words" data-testid="quarantine-reason">{record.reason}</p>
        </Alert>
        <Card>
          <CardHeader className="flex-row flex-wrap items-baseline justify-between gap-2">
            <CardTitle>Raw text</CardTitle>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {formatBytes(record.rawBytes)}
              {record.isCut ? " · only the first 64 KiB were kept" : ""}
            </p>
          </CardHeader>
          <CardContent className="pb-5">
            {/* Shown as text, never as markup: React escapes it, and the block only scrolls. */}
            <pre
              tabIndex={0}
              aria-label="Raw text of the record"
              data-testid="quarantine-raw"
              className="max-h-[60vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-zinc-900 focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
            >
              {record.raw}
            </pre>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
