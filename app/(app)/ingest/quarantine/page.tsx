import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Pager } from "@/components/pager";
import { IngestTabs } from "@/components/ingest/ingest-tabs";
import { formatBytes } from "@/components/ingest/format";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTimeSeconds } from "@/lib/format";
import { listQuarantined, listQuarantineSources, ZQuarantineFilter } from "@/lib/ingest/quarantine";
import { firstValues } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Quarantine" };

export default async function QuarantinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("ingest.status");
  const raw = firstValues(await searchParams);
  const parsed = ZQuarantineFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : ZQuarantineFilter.parse({});
  const [{ rows, total, page, pageSize }, sources] = await Promise.all([listQuarantined({ viewer, filter }), listQuarantineSources({ viewer })]);
  const params = { source: filter.source ? String(filter.source) : undefined };
  return (
    <>
      <PageHeader title="Quarantine" description="Records the pipeline could not understand, with the reason and the raw text as it arrived. The rest of their batch was stored. Kept for 30 days." />
      <IngestTabs current="/ingest/quarantine" />
      {!parsed.success ? <Alert tone="warning" title="Some filters were not understood and were ignored" className="mb-4" /> : null}
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <Field label="Source" htmlFor="q-source" className="w-full sm:w-72">
          <Select id="q-source" name="source" defaultValue={filter.source ? String(filter.source) : ""}>
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.count})
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/ingest/quarantine" className={buttonClasses({ variant: "ghost" })}>Reset</Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="Nothing in quarantine" description={filter.source ? "This source has no quarantined records." : "Every record received so far was understood."} />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>Received</TH>
              <TH className="hidden md:table-cell">Source</TH>
              <TH>Reason</TH>
              <TH className="hidden text-right sm:table-cell">Size</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.id}>
                <TD className="w-32 text-xs md:w-auto md:whitespace-nowrap">
                  <Link href={`/ingest/quarantine/${r.id}`} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
                    {formatDateTimeSeconds(r.receivedAt)}
                  </Link>
                  <span className="mt-0.5 block break-words text-zinc-500 md:hidden dark:text-zinc-400">{r.sourceName ?? "unknown source"}</span>
                </TD>
                <TD className="hidden max-w-48 truncate text-xs md:table-cell" title={r.sourceName ?? undefined}>{r.sourceName ?? "unknown"}</TD>
                <TD className="text-xs break-words md:min-w-64">
                  {r.reason}
                  <span className="mt-0.5 block text-zinc-500 sm:hidden dark:text-zinc-400">{formatBytes(r.rawBytes)}</span>
                </TD>
                <TD className="hidden text-right text-xs whitespace-nowrap tabular-nums sm:table-cell">{formatBytes(r.rawBytes)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={page} pageSize={pageSize} total={total} noun={["record", "records"]} params={params} />
    </>
  );
}
