// The flow explorer's view of its whole range: totals, bytes over time, and the top talkers,
// each linking to the explorer narrowed to it (the other filters and the window kept).
import type { ReactNode } from "react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { NodeRef } from "@/lib/logs/list-flows";
import type { FlowSummary } from "@/lib/logs/summarize-flows";
import { bucketLabel } from "@/lib/logs/flow-buckets";
import { formatBytes } from "@/lib/logs/protocols";
import { FlowBytesChart } from "./flow-bytes-chart";

const linkClass = "text-indigo-600 hover:underline dark:text-indigo-400";
const count = (n: number) => n.toLocaleString("en-US");

/** The explorer's address with these filters set, keeping the others (not the page position). */
export function flowsHref(params: Record<string, string | undefined>, set: Record<string, string>): string {
  const kept = Object.entries(params).filter(([k, v]) => v && k !== "before" && k !== "limit" && !(k in set)) as [string, string][];
  return `/logs/flows?${new URLSearchParams([...kept, ...Object.entries(set)])}`;
}

const BUCKET_NAMES: Record<number, string> = { 60: "minute", 300: "5 minutes", 900: "15 minutes", 3600: "hour", 21_600: "6 hours", 86_400: "day" };
export const bucketName = (seconds: number) => BUCKET_NAMES[seconds] ?? `${seconds} seconds`;

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="min-w-0 rounded-md border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
      {detail ? <dd className="text-xs text-zinc-500 dark:text-zinc-400">{detail}</dd> : null}
    </div>
  );
}

export function FlowTotals({ totals }: { totals: FlowSummary["totals"] }) {
  return (
    <dl aria-label="Totals for the range" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Stat label="Entries" value={count(totals.entries)} />
      <Stat label="Sent" value={formatBytes(totals.txBytes)} detail={`${count(totals.txBytes)} bytes · ${count(totals.txPkts)} packets`} />
      <Stat label="Received" value={formatBytes(totals.rxBytes)} detail={`${count(totals.rxBytes)} bytes · ${count(totals.rxPkts)} packets`} />
      <Stat label="Packets" value={count(totals.txPkts + totals.rxPkts)} detail="sent and received" />
    </dl>
  );
}

export function FlowChartCard({ series }: { series: FlowSummary["series"] }) {
  const { points, bucketSeconds } = series;
  const busy = points.filter((p) => p.txBytes || p.rxBytes);
  const peak = busy.reduce<(typeof points)[number] | null>((best, p) => (!best || p.txBytes + p.rxBytes > best.txBytes + best.rxBytes ? p : best), null);
  const label = peak
    ? `Bytes sent and received per ${bucketName(bucketSeconds)}; the busiest ${bucketName(bucketSeconds)} began ${bucketLabel(peak.start, bucketSeconds, true)} UTC with ${formatBytes(peak.txBytes + peak.rxBytes)}.`
    : "No bytes in this range.";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Bytes over time</CardTitle>
        <CardDescription>Per {bucketName(bucketSeconds)}, UTC, as the nodes reported them.</CardDescription>
      </CardHeader>
      <CardContent className="pb-5">
        <FlowBytesChart points={points} bucketSeconds={bucketSeconds} label={label} />
        {busy.length ? (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Figures per {bucketName(bucketSeconds)} ({busy.length} with traffic)</summary>
            <Table containerClassName="mt-2 max-h-72 overflow-y-auto">
              <caption className="sr-only">Bytes per {bucketName(bucketSeconds)}</caption>
              <THead>
                <TR>
                  <TH>Start (UTC)</TH>
                  <TH className="text-right">Sent</TH>
                  <TH className="text-right">Received</TH>
                </TR>
              </THead>
              <TBody>
                {busy.map((p) => (
                  <TR key={p.start}>
                    <TD className="font-mono text-xs">{bucketLabel(p.start, bucketSeconds, true)}</TD>
                    <TD className="text-right tabular-nums">{formatBytes(p.txBytes)}</TD>
                    <TD className="text-right tabular-nums">{formatBytes(p.rxBytes)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Bytes({ tx, rx }: { tx: number; rx: number }) {
  return (
    <span className="whitespace-nowrap tabular-nums" title={`${count(tx)} bytes sent, ${count(rx)} bytes received`}>
      {formatBytes(tx + rx)}
      <span className="block text-xs text-zinc-500">
        ↑{formatBytes(tx)} ↓{formatBytes(rx)}
      </span>
    </span>
  );
}

const address = (ip: string) => (ip.includes(":") ? `[${ip}]` : ip);

type TalkerRow = { key: string; who: ReactNode; entries: number; txBytes: number; rxBytes: number };

function TalkerTable({ id, title, caption, column, rows, empty }: { id: string; title: string; caption: string; column: string; rows: TalkerRow[]; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-base font-semibold">{title}</h2>
      {rows.length ? (
        <Table>
          <caption className="sr-only">{caption}</caption>
          <THead>
            <TR>
              <TH>{column}</TH>
              <TH className="hidden text-right sm:table-cell">Entries</TH>
              <TH className="text-right">Bytes</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.key}>
                <TD className="max-w-48 sm:max-w-64">{r.who}</TD>
                <TD className="hidden text-right tabular-nums sm:table-cell">{count(r.entries)}</TD>
                <TD className="text-right">
                  <Bytes tx={r.txBytes} rx={r.rxBytes} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="text-sm text-zinc-500">{empty}</p>
      )}
    </section>
  );
}

const nodeLabel = (node: NodeRef | null) => node?.name ?? node?.nodeId ?? "?";

export function TopTalkers({ summary, params }: { summary: FlowSummary; params: Record<string, string | undefined> }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
      <TalkerTable
        id="top-nodes"
        title="Top nodes by bytes"
        caption="Reporting nodes with the most bytes in the range"
        column="Node"
        empty="No traffic."
        rows={summary.topNodes.map((n) => ({
          ...n,
          key: n.node.nodeId,
          who: (
            <Link href={flowsHref(params, { node: n.node.nodeId })} className={`block truncate ${linkClass}`} title={n.node.nodeId}>
              {nodeLabel(n.node)}
            </Link>
          ),
        }))}
      />
      <TalkerTable
        id="top-pairs"
        title="Top source → destination by bytes"
        caption="Source and destination addresses with the most bytes in the range"
        column="Source → destination"
        empty="No traffic between known addresses."
        rows={summary.topPairs.map((p) => ({
          ...p,
          key: `${p.src.ip}>${p.dst.ip}`,
          who: (
            <>
              <Link href={flowsHref(params, { src: p.src.ip, dst: p.dst.ip })} className={`block font-mono text-xs ${linkClass}`}>
                {address(p.src.ip)} <span aria-hidden>→</span>
                <span className="sr-only">to</span> {address(p.dst.ip)}
              </Link>
              {p.src.node || p.dst.node ? (
                <span className="block truncate text-xs text-zinc-500">
                  {nodeLabel(p.src.node)} → {nodeLabel(p.dst.node)}
                </span>
              ) : null}
            </>
          ),
        }))}
      />
    </div>
  );
}
