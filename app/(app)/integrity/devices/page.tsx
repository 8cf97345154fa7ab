import type { Metadata } from "next";
import Link from "next/link";
import { formatInTimeZone } from "date-fns-tz";
import { CoverageLegend, CoverageStrip, StripAxis } from "@/components/integrity/coverage-strip";
import { FilterErrorsNotice } from "@/components/logs/filter-form-parts";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { requirePermission } from "@/lib/auth/session";
import { deviceCoverage, pageWindow, windowQuery } from "@/lib/integrity/coverage";
import { firstValues } from "@/lib/page-helpers";
import { WindowForm } from "../window-form";

export const metadata: Metadata = { title: "Coverage per device" };

const pct = (r: number | null) => (r === null ? "no two-sided traffic" : `${(r * 100).toFixed(1)} %`);

export default async function IntegrityDevicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("logs.read");
  const raw = firstValues(await searchParams);
  const { window: w, errors } = pageWindow(raw);
  const devices = await deviceCoverage({ viewer, window: w });
  if (raw.sort === "name") devices.sort((a, b) => (a.name ?? a.nodeId).localeCompare(b.name ?? b.nodeId));
  const q = windowQuery(raw);

  return (
    <>
      <PageHeader
        title="Coverage per device"
        description={`Whose logs can be trusted, and where the holes are: each device's countersigned share and a strip of ${w.cellMinutes}-minute cells from ${formatInTimeZone(w.from, w.tz, "yyyy-MM-dd HH:mm")} to ${formatInTimeZone(w.to, w.tz, "yyyy-MM-dd HH:mm")} (${w.tz}).`}
        actions={<Link href="/integrity" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">Logging posture</Link>}
      />
      <FilterErrorsNotice errors={errors} />
      <WindowForm
        raw={raw}
        errors={errors}
        resetHref="/integrity/devices"
        extra={
          <Field label="Sort" htmlFor="w-sort">
            <Select {...fieldControlProps("w-sort", {})} name="sort" defaultValue={raw.sort === "name" ? "name" : "worst"}>
              <option value="worst">Worst first</option>
              <option value="name">Name</option>
            </Select>
          </Field>
        }
      />
      <div className="mb-4"><CoverageLegend /></div>
      {devices.length === 0 ? (
        <EmptyState title="No devices in this window" description="Devices appear once flow logs mention them and the verification has checked their buckets." />
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Devices by coverage">
          {devices.map((d) => (
            <li key={d.nodeId} className="grid gap-2 p-3 md:grid-cols-[14rem_minmax(0,1fr)] md:items-center" data-node={d.nodeId}>
              <div className="min-w-0">
                <Link href={`/integrity/devices/${encodeURIComponent(d.nodeId)}${q}`} className="block truncate font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  {d.name ?? d.nodeId}
                </Link>
                <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
                  <span className="font-medium text-zinc-800 dark:text-zinc-200">{pct(d.countersignRate)}</span> countersigned
                  {d.silent ? ` · ${d.silent} silent` : ""}{d.mismatched ? ` · ${d.mismatched} mismatched` : ""}
                </p>
                <p className="truncate text-xs text-zinc-500">Last record: {d.lastRecordAt ? `${formatInTimeZone(d.lastRecordAt, w.tz, "yyyy-MM-dd HH:mm")} ${w.tz}` : "never"}</p>
              </div>
              <div className="min-w-0 space-y-1">
                <CoverageStrip cells={d.cells} tz={w.tz} label={`Coverage of ${d.name ?? d.nodeId}`} />
                <StripAxis from={w.from} to={w.to} tz={w.tz} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
