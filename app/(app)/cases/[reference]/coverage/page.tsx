// A case's coverage map: its devices (from the case's device and IP observables) over the incident
// window, each full / partial / none with its strip, and the map attached to the case as evidence.
import type { Metadata } from "next";
import Link from "next/link";
import { formatInTimeZone } from "date-fns-tz";
import { CoverageAttachForm } from "@/components/integrity/coverage-attach-form";
import { CoverageLegend, CoverageStrip, StripAxis } from "@/components/integrity/coverage-strip";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { caseCoverage, DEFAULT_MARGIN_MINUTES, type CoverageLevel } from "@/lib/integrity/coverage-case";
import { firstValues, orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Coverage" };

const LEVEL: Record<CoverageLevel, { label: string; tone: BadgeTone }> = {
  full: { label: "Full", tone: "success" },
  partial: { label: "Partial", tone: "warning" },
  none: { label: "None", tone: "danger" },
};
const utc = (d: Date) => `${formatInTimeZone(d, "UTC", "yyyy-MM-dd HH:mm")} UTC`;
const pct = (r: number | null) => (r === null ? "no two-sided traffic" : `${(r * 100).toFixed(1)} % countersigned`);

/** The margin before awareness, in hours as typed on the page; anything else is said and the default used. */
function marginOf(raw: string | undefined): { minutes: number; error: string | null } {
  if (raw === undefined || raw.trim() === "") return { minutes: DEFAULT_MARGIN_MINUTES, error: null };
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours > 30 * 24) return { minutes: DEFAULT_MARGIN_MINUTES, error: "The margin is a number of hours from 0 to 720; showing 24 hours." };
  return { minutes: Math.round(hours * 60), error: null };
}

export default async function CaseCoveragePage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("cases.access");
  const { reference } = await params;
  const raw = firstValues(await searchParams);
  const margin = marginOf(raw.margin);
  const map = await orNotFoundPage(caseCoverage({ viewer, reference: decodeURIComponent(reference), input: { margin: margin.minutes } }));
  const { window: w } = map;
  const mayAttach = can(viewer, "cases.work") || can(viewer, "disclosure.approve");

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] [&>*]:min-w-0">
      <Card>
        <CardHeader>
          <CardTitle>Log coverage of the case&apos;s devices</CardTitle>
          <CardDescription>
            From {utc(w.from)} ({w.marginMinutes / 60} h before awareness) to {w.openEnded ? "now" : `the resolution, ${utc(w.to)}`}, in {w.cellMinutes}-minute cells. Full: every connection countersigned by both ends; none: nothing countersigned.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 pb-5">
          {margin.error ? <Alert tone="warning" title="Margin">{margin.error}</Alert> : null}
          <CoverageLegend />
          {map.devices.length === 0 ? (
            <EmptyState
              title="No devices to map"
              description={
                <>
                  The map covers the case&apos;s device ids, device names and IP addresses that match a known device. Add them on the{" "}
                  <Link href={caseHref(map.case.reference, "observables")} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                    Observables
                  </Link>{" "}
                  tab.
                </>
              }
            />
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Coverage of the case's devices">
              {map.devices.map((d) => (
                <li key={d.nodeId} className="grid gap-2 p-3" data-node={d.nodeId} data-level={d.level}>
                  <div className="flex min-w-0 flex-wrap items-center gap-2">
                    <Badge tone={LEVEL[d.level].tone}>{LEVEL[d.level].label}</Badge>
                    <Link href={`/integrity/devices/${encodeURIComponent(d.nodeId)}`} className="min-w-0 truncate font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                      {d.name ?? d.nodeId}
                    </Link>
                    <span className="text-xs text-zinc-600 dark:text-zinc-400">
                      {pct(d.countersignRate)}
                      {d.silent ? ` · ${d.silent} silent` : ""}
                      {d.mismatched ? ` · ${d.mismatched} mismatched` : ""}
                    </span>
                  </div>
                  <p className="truncate text-xs text-zinc-500">From the case&apos;s {d.from.join(", ")}</p>
                  <div className="min-w-0 space-y-1">
                    <CoverageStrip cells={d.cells} tz="UTC" label={`Coverage of ${d.name ?? d.nodeId} over the incident`} />
                    <StripAxis from={w.from} to={w.to} tz="UTC" />
                  </div>
                </li>
              ))}
            </ul>
          )}
          {map.unresolved.length ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No device known for: {map.unresolved.map((o) => `${o.type} ${o.value}`).join(", ")}.
            </p>
          ) : null}
        </CardContent>
      </Card>
      <div className="grid content-start gap-4 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Window</CardTitle>
          </CardHeader>
          <CardContent className="pb-5">
            <form method="get" className="grid gap-3">
              <Field label="Hours before awareness" htmlFor="coverage-margin">
                <Input {...fieldControlProps("coverage-margin", {})} name="margin" inputMode="decimal" defaultValue={String(w.marginMinutes / 60)} />
              </Field>
              <Button type="submit" variant="secondary" className="justify-self-start">
                Show
              </Button>
            </form>
          </CardContent>
        </Card>
        {mayAttach && map.devices.length ? (
          <Card>
            <CardHeader>
              <CardTitle>Keep it with the case</CardTitle>
              <CardDescription>Stores this map as a JSON evidence item (its SHA-256 recorded, on the audit trail).</CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              <CoverageAttachForm reference={map.case.reference} marginMinutes={w.marginMinutes} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
