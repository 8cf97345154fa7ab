import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatInTimeZone } from "date-fns-tz";
import { CoverageLegend, CoverageStrip, StripAxis } from "@/components/integrity/coverage-strip";
import { FilterErrorsNotice } from "@/components/logs/filter-form-parts";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { deviceCoverage, devicePairResults, flowLink, pageWindow, windowQuery, type PairResult } from "@/lib/integrity/coverage";
import { restartSpans, silentSpans } from "@/lib/integrity/gaps";
import { firstValues } from "@/lib/page-helpers";
import { WindowForm } from "../../window-form";

export const metadata: Metadata = { title: "Device coverage" };

function Side({ side, label, silent }: { side: PairResult["low"]; label: string; silent: boolean }) {
  return (
    <div className="min-w-0 text-xs">
      <p className="font-mono break-all">{side.address}:{side.port}</p>
      <p className="text-zinc-600 dark:text-zinc-400">{label}: {side.nodeId ?? "unknown node"}{silent ? " (silent)" : ""}</p>
      <p>tx {side.txPkts} pkts / {side.txBytes} B · rx {side.rxPkts} pkts / {side.rxBytes} B</p>
    </div>
  );
}

export default async function IntegrityDevicePage({ params, searchParams }: { params: Promise<{ nodeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("logs.read");
  const { nodeId: rawId } = await params;
  const nodeId = decodeURIComponent(rawId);
  const raw = firstValues(await searchParams);
  const { window: w, errors } = pageWindow(raw);
  const device = await db.device.findUnique({ where: { nodeId }, select: { nodeId: true, name: true } });
  if (!device) notFound();
  const [[coverage], silent, restarts] = await Promise.all([
    deviceCoverage({ viewer, window: w, nodeIds: [nodeId] }),
    silentSpans({ from: w.from, to: w.to, nodeId }),
    restartSpans({ from: w.from, to: w.to, minMinutes: 5 }).then((r) => r.filter((s) => s.nodeId === nodeId)),
  ]);
  const at = raw.at ? new Date(raw.at) : null;
  const cell = at && !Number.isNaN(at.getTime()) ? coverage!.cells.find((c) => c.from.getTime() === at.getTime()) ?? null : null;
  const pairs = await devicePairResults({ viewer, nodeId, from: cell?.from ?? w.from, to: cell?.to ?? w.to });
  const q = windowQuery(raw);
  const base = `/integrity/devices/${encodeURIComponent(nodeId)}`;
  const fmt = (d: Date) => formatInTimeZone(d, w.tz, "yyyy-MM-dd HH:mm");
  const rate = coverage!.countersignRate;

  return (
    <>
      <PageHeader
        title={<span className="break-all">{device.name ?? device.nodeId}</span>}
        description={`${device.nodeId} · ${rate === null ? "no two-sided traffic" : `${(rate * 100).toFixed(1)} % countersigned`} from ${fmt(w.from)} to ${fmt(w.to)} (${w.tz}).`}
        actions={
          <>
            <Link href={`/integrity/devices${q}`} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">All devices</Link>
            <Link href={`/devices/${encodeURIComponent(nodeId)}`} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">Device details</Link>
          </>
        }
      />
      <FilterErrorsNotice errors={errors} />
      <WindowForm raw={raw} errors={errors} resetHref={base} />
      <Card className="mb-6">
        <CardHeader><CardTitle className="text-base">Timeline</CardTitle></CardHeader>
        <CardContent className="space-y-2">
          <CoverageStrip
            cells={coverage!.cells}
            tz={w.tz}
            label={`Coverage of ${device.name ?? device.nodeId}`}
            cellHref={(c) => (c.status === "one-sided" || c.status === "mismatched" ? `${base}${q ? `${q}&` : "?"}at=${encodeURIComponent(c.from.toISOString())}#pairs` : null)}
            className="h-10"
          />
          <StripAxis from={w.from} to={w.to} tz={w.tz} />
          <CoverageLegend />
          <p className="text-xs text-zinc-500">Select a one-sided or mismatched cell to see its connections below.</p>
        </CardContent>
      </Card>
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader><CardTitle className="text-base">Silent spans</CardTitle></CardHeader>
          <CardContent>
            {silent.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">None: whenever peers logged traffic with it, this device logged too.</p>
            ) : (
              <ul className="space-y-1 text-sm" aria-label="Silent spans">
                {silent.map((s) => (
                  <li key={s.from.getTime()}>{fmt(s.from)} to {fmt(s.to)} ({s.minutes} min, {s.silentConnections} connections only its peers logged)</li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle className="text-base">Possible restarts or moves</CardTitle></CardHeader>
          <CardContent>
            {restarts.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">None seen in this window.</p>
            ) : (
              <ul className="space-y-1 text-sm" aria-label="Restarts">
                {restarts.map((s) => (
                  <li key={s.from.getTime()}>{fmt(s.from)} to {fmt(s.to)} ({s.minutes} min): endpoint {s.endpointBefore} → {s.endpointAfter}</li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <section id="pairs" aria-labelledby="pairs-h" className="space-y-3">
        <h2 id="pairs-h" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Connections the two sides disagree on{cell ? ` (${fmt(cell.from)} to ${fmt(cell.to)})` : ""}
        </h2>
        {cell ? <Link href={`${base}${q}#pairs`} className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">Show the whole window</Link> : null}
        {pairs.length === 0 ? (
          <EmptyState title="No mismatched or one-sided connections" description="Every connection of this device in the window was countersigned or had no peer to check against." />
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Mismatched and one-sided connections, newest first">
            {pairs.map((p) => (
              <li key={p.id} data-outcome={p.outcome} className="grid gap-3 p-3 sm:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)_auto]">
                <div className="flex items-center gap-2 sm:flex-col sm:items-start">
                  <span className="text-xs whitespace-nowrap">{fmt(p.bucket)}</span>
                  <Badge tone={p.outcome === "MISMATCHED" ? "danger" : "warning"}>{p.outcome === "MISMATCHED" ? "Mismatched" : "One-sided"}</Badge>
                </div>
                <Side side={p.low} label="low" silent={!!p.silentNodeId && p.silentNodeId === p.low.nodeId} />
                <Side side={p.high} label="high" silent={!!p.silentNodeId && p.silentNodeId === p.high.nodeId} />
                <div className="min-w-0 space-y-1 text-xs">
                  {[p.low.nodeId, p.high.nodeId].filter((n): n is string => !!n).map((n) => (
                    <Link key={n} href={flowLink(n, p.bucket, p.minutes)} className="block break-all text-indigo-600 hover:underline dark:text-indigo-400">Flows of {n}</Link>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
