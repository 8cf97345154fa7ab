import type { Metadata } from "next";
import Link from "next/link";
import { formatInTimeZone } from "date-fns-tz";
import { TimelineEntryForm } from "@/components/cases/timeline-entry-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { mayWorkCaseClass } from "@/lib/auth/visibility";
import { caseHref } from "@/lib/cases/case-tabs";
import { getCaseOrThrow, type TimelineItem } from "@/lib/cases/get-case";
import { orNotFoundPage } from "@/lib/page-helpers";
import { cn } from "@/lib/cn";
import { addTimelineEntryAction } from "./actions";

export const metadata: Metadata = { title: "Case timeline" };

const KINDS = [
  { key: "note", label: "Notes", tone: "info" },
  { key: "auto", label: "Changes", tone: "neutral" },
  { key: "alert", label: "Alert events", tone: "warning" },
  { key: "evidence", label: "Evidence", tone: "success" },
] as const satisfies readonly { key: string; label: string; tone: BadgeTone }[];
type Kind = (typeof KINDS)[number]["key"];

const kindOf = (item: TimelineItem): Kind => (item.type === "entry" ? (item.kind === "NOTE" ? "note" : "auto") : item.type === "alert_event" ? "alert" : "evidence");

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The time in the zone the entry was written in (notes), else UTC. */
function when(item: TimelineItem) {
  const zone = item.type === "entry" && item.timeZone ? item.timeZone : "UTC";
  try {
    return `${formatInTimeZone(item.occurredAt, zone, "yyyy-MM-dd HH:mm")} ${zone}`;
  } catch {
    return `${formatInTimeZone(item.occurredAt, "UTC", "yyyy-MM-dd HH:mm")} UTC`;
  }
}

function describe(item: TimelineItem) {
  switch (item.type) {
    case "entry":
      return (
        <>
          <p className="whitespace-pre-wrap break-words [unicode-bidi:isolate]">{item.body}</p>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {item.actor ? item.actor.name : "Countersign"}
            {item.source ? ` · source: ${item.source}` : ""}
          </p>
        </>
      );
    case "alert_event":
      return (
        <p className="break-words">
          <Link href={`/alerts/${item.alertId}`} className="hover:underline">
            Alert #{item.alertId}
          </Link>{" "}
          event ({item.kind}){item.matchedFields.length ? `: ${item.matchedFields.join(", ")}` : ""}
        </p>
      );
    case "evidence":
      return (
        <>
          <p className="break-words">
            Evidence added: <bdi>{item.name}</bdi> ({item.kind.toLowerCase().replace("_", " ")}, {item.size.toLocaleString("en")} bytes)
          </p>
          <p className="mt-1 font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
            SHA-256 {item.sha256}
            {item.addedBy ? ` · ${item.addedBy.name}` : ""}
          </p>
        </>
      );
  }
}

export default async function CaseTimelinePage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reference } = await params;
  const sp = await searchParams;
  const viewer = await requirePermission("cases.access");
  const c = await orNotFoundPage(getCaseOrThrow({ viewer, reference: safeDecode(reference) }));
  const chosen = new Set((Array.isArray(sp.kind) ? sp.kind : sp.kind ? [sp.kind] : []).flatMap((k) => k.split(",")).filter((k): k is Kind => KINDS.some((x) => x.key === k)));
  const items = chosen.size ? c.timeline.filter((i) => chosen.has(kindOf(i))) : c.timeline;
  const counts = Object.fromEntries(KINDS.map((k) => [k.key, c.timeline.filter((i) => kindOf(i) === k.key).length]));
  const base = caseHref(c.reference, "timeline");
  const workable = !c.mergedInto && c.status !== "CLOSED" && mayWorkCaseClass(viewer, c.visibility);
  return (
    <div className="grid gap-6">
      {workable ? (
        <Card>
          <CardHeader>
            <CardTitle>Add an entry</CardTitle>
          </CardHeader>
          <CardContent>
            <TimelineEntryForm action={addTimelineEntryAction} reference={c.reference} />
          </CardContent>
        </Card>
      ) : null}
      <section aria-labelledby="timeline-heading" className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="timeline-heading" className="text-lg font-semibold">
            Timeline
          </h2>
          <nav aria-label="Show in the timeline" className="flex flex-wrap gap-1">
            <Link href={base} aria-current={chosen.size === 0 ? "page" : undefined} className={pill(chosen.size === 0)}>
              Everything ({c.timeline.length})
            </Link>
            {KINDS.map((k) => (
              <Link key={k.key} href={`${base}?kind=${k.key}`} aria-current={chosen.size === 1 && chosen.has(k.key) ? "page" : undefined} className={pill(chosen.size === 1 && chosen.has(k.key))}>
                {k.label} ({counts[k.key]})
              </Link>
            ))}
          </nav>
        </div>
        {items.length === 0 ? (
          <EmptyState title="Nothing here" description="No timeline entries of this kind yet." />
        ) : (
          <ol className="relative grid gap-0 border-l border-zinc-200 pl-4 dark:border-zinc-800" data-testid="timeline">
            {items.map((item) => {
              const kind = KINDS.find((k) => k.key === kindOf(item))!;
              return (
                <li key={`${item.type}-${item.id}`} className="relative py-3" data-kind={kind.key}>
                  <span aria-hidden="true" className="absolute top-4.5 -left-[1.3rem] size-2.5 rounded-full border-2 border-white bg-zinc-400 dark:border-zinc-950 dark:bg-zinc-500" />
                  <div className="flex flex-wrap items-center gap-2 text-xs">
                    <time dateTime={item.occurredAt.toISOString()} className="font-mono text-zinc-700 dark:text-zinc-300" data-testid="timeline-time">
                      {when(item)}
                    </time>
                    <Badge tone={kind.tone}>{kind.label.replace(/s$/, "")}</Badge>
                  </div>
                  <div className="mt-1 text-sm">{describe(item)}</div>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}

function pill(active: boolean) {
  return cn(
    "rounded-full border px-3 py-1 text-xs font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
    active ? "border-indigo-500 bg-indigo-50 text-indigo-800 dark:border-indigo-400 dark:bg-indigo-500/15 dark:text-indigo-200" : "border-zinc-300 text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
  );
}
