import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { IngestTabs } from "@/components/ingest/ingest-tabs";
import { RecordsChart } from "@/components/ingest/records-chart";
import { formatAgo, formatCount, formatMinutes } from "@/components/ingest/format";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getIngestStatus, type SourceStatus } from "@/lib/ingest/status";

export const metadata: Metadata = { title: "Ingest" };
export const dynamic = "force-dynamic";

const KIND_LABEL = { STREAM: "stream", IMPORT: "file import", POLLER: "API poller" } as const;

export default async function IngestStatusPage() {
  const viewer = await requirePermission("ingest.status");
  const status = await getIngestStatus({ viewer });
  const quiet = status.sources.filter((s) => s.quietForMinutes !== null);
  const tiles = [
    { label: "Audit events, 24 h", value: status.overall.auditEvents24h },
    { label: "Flow entries, 24 h", value: status.overall.flowEntries24h },
    { label: "Devices known", value: status.overall.devices },
    { label: "In quarantine", value: status.overall.quarantined, href: "/ingest/quarantine" },
  ];
  return (
    <>
      <PageHeader title="Ingest" description={`What each log source sent lately and what became of it. Times in UTC; sources warn when quiet for more than ${formatMinutes(status.quietAfterMinutes)}.`} />
      <IngestTabs current="/ingest" />
      {quiet.length ? (
        <Alert tone="warning" title={quiet.length === 1 ? "A source has gone quiet" : `${quiet.length} sources have gone quiet`} className="mb-6">
          <ul className="list-disc pl-5">
            {quiet.map((s) => (
              <li key={s.id}>
                {s.name}: no records for {formatMinutes(s.quietForMinutes!)}.{" "}
                {s.kind === "STREAM" ? "Check its destination in Tailscale's admin console (Logs → Streaming)" : "Check the Tailscale API poller's settings"} and its last error below.
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-md border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50">
              {t.href ? <Link href={t.href} className="hover:underline">{formatCount(t.value)}</Link> : formatCount(t.value)}
            </dd>
          </div>
        ))}
      </dl>
      {status.sources.length === 0 ? (
        <EmptyState title="No log sources yet" description="An administrator creates a streaming token on the Log sources page, or someone imports a file." action={<Link className="text-sm font-medium text-indigo-600 underline dark:text-indigo-400" href="/ingest/import">Import a file</Link>} />
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          {status.sources.map((s) => (
            <SourceCard key={s.id} source={s} now={status.now} />
          ))}
        </div>
      )}
    </>
  );
}

function SourceCard({ source: s, now }: { source: SourceStatus; now: Date }) {
  const headingId = `source-${s.id}-name`;
  const figures = [
    { label: "Records", value: s.last24h.records },
    { label: "Stored", value: s.last24h.stored },
    { label: "Duplicates", value: s.last24h.duplicates },
    { label: "Quarantined", value: s.last24h.quarantined },
    { label: "Errors", value: s.last24h.errors },
  ];
  return (
    <Card aria-labelledby={headingId} role="region" data-testid="ingest-source" className={s.quietForMinutes !== null ? "border-amber-300 dark:border-amber-500/40" : undefined}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold break-words">{s.name}</h2>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Last record <span title={formatDateTime(s.lastRecordAt)}>{formatAgo(s.lastRecordAt, now)}</span>
            {s.kind === "STREAM" ? <> · last request <span title={formatDateTime(s.lastRequestAt)}>{formatAgo(s.lastRequestAt, now)}</span></> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          <Badge>{KIND_LABEL[s.kind]}</Badge>
          {s.revokedAt ? <Badge tone="danger">revoked</Badge> : null}
          {s.quietForMinutes !== null ? <Badge tone="warning">quiet for {formatMinutes(s.quietForMinutes)}</Badge> : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 pb-5">
        <div>
          <p className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Records per minute, last hour</p>
          <RecordsChart points={s.perMinute} label={s.name} />
        </div>
        <div>
          <p className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Last 24 hours</p>
          <dl className="grid grid-cols-3 gap-2 sm:grid-cols-5">
            {figures.map((f) => (
              <div key={f.label} className="rounded bg-zinc-50 px-2 py-1.5 dark:bg-zinc-800/60">
                <dt className="text-xs text-zinc-500 dark:text-zinc-400">{f.label}</dt>
                <dd className={f.value > 0 && (f.label === "Errors" || f.label === "Quarantined") ? "font-semibold tabular-nums text-red-700 dark:text-red-400" : "font-semibold tabular-nums"}>{formatCount(f.value)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <p>
            <span className="text-zinc-500 dark:text-zinc-400">In quarantine: </span>
            {s.quarantineCount > 0 ? <Link className="font-medium text-indigo-600 underline dark:text-indigo-400" href={`/ingest/quarantine?source=${s.id}`}>{formatCount(s.quarantineCount)} records</Link> : "none"}
          </p>
          <p className="break-words">
            <span className="text-zinc-500 dark:text-zinc-400">Last error: </span>
            {s.lastError ? <span className="text-red-700 dark:text-red-400">{s.lastError} <span className="text-zinc-500 dark:text-zinc-400">({formatAgo(s.lastErrorAt, now)})</span></span> : "none"}
          </p>
        </div>
      </CardContent>
    </Card>
  );
}
