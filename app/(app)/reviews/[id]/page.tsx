import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SeverityChart } from "@/components/reviews/severity-chart";
import { SignOffForm, TickForm } from "@/components/reviews/review-controls";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { orNotFoundPage } from "@/lib/page-helpers";
import type { ChecklistData } from "@/lib/reviews/checklist";
import { getReview } from "@/lib/reviews/reviews";

export const metadata: Metadata = { title: "Log review" };

const when = (iso: string | Date) => `${(typeof iso === "string" ? iso : iso.toISOString()).slice(0, 16).replace("T", " ")} UTC`;
const muted = "text-sm text-zinc-600 dark:text-zinc-400";

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-zinc-700 dark:text-zinc-300">{k}</dt>
          <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A list of the period's data; `more`: entries left out of the frozen list (it keeps the first ones). */
function List({ items, empty, more = 0 }: { items: ReactNode[]; empty: string; more?: number }) {
  if (!items.length) return <p className={muted}>{empty}</p>;
  return (
    <ul className="grid list-disc gap-1 pl-5 text-sm break-words">
      {items.map((x, i) => <li key={i}>{x}</li>)}
      {more ? <li className={muted}>… and {more} more, not listed</li> : null}
    </ul>
  );
}

function state(s: ChecklistData["logging"]["flowLogging"]) {
  if (s.enabled === null) return <span>no change on record</span>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge tone={s.enabled ? "success" : "danger"}>{s.enabled ? "On" : "Off"}</Badge>
      <span className={muted}>since {when(s.changedAt!)}{s.actor ? `, by ${s.actor}` : ""}</span>
    </span>
  );
}

function ItemData({ item, d }: { item: string; d: ChecklistData }) {
  switch (item) {
    case "logging":
      return (
        <div className="grid gap-3">
          <Facts rows={[["Network flow logging", state(d.logging.flowLogging)], ["Exit-flow logging", state(d.logging.exitFlowLogging)], ["Streaming changes", d.logging.streamingChanges.length]]} />
          <List items={d.logging.streamingChanges.map((c) => `${when(c.at)}: ${c.action} by ${c.actor ?? "unknown"}`)} empty="No change to the streaming destinations in the period." />
          <List
            items={d.logging.sources.map((s) => `${s.name} (${s.kind.toLowerCase()}${s.revoked ? ", revoked" : ""}): ${s.records} records received, ${s.errors} errors; last record ${s.lastRecordAt ? when(s.lastRecordAt) : "never"}${s.lastError ? `; last error: ${s.lastError}` : ""}`)}
            empty="No ingest sources."
          />
          <List items={d.logging.quietSpans.map((q) => `${q.source} sent nothing ${when(q.from)} – ${when(q.to)} (${q.minutes} min)`)} empty="No source went quiet in the period." more={d.omitted?.quietSpans} />
        </div>
      );
    case "alerts":
      return (
        <div className="grid gap-3">
          <Facts rows={[["Alerts raised", d.alerts.total], ["Still open", d.alerts.stillOpen]]} />
          {d.alerts.total > 0 ? <SeverityChart counts={d.alerts.bySeverity} /> : null}
          <List
            items={d.alerts.reports.map((r) => `${r.count} ${r.visibility.toLowerCase().replace("_", " ")} ${r.count === 1 ? "report" : "reports"}${r.byCategory ? `: ${Object.entries(r.byCategory).map(([c, n]) => `${c.toLowerCase().replace(/_/g, " ")} ${n}`).join(", ")}` : ""}`)}
            empty="No reports filed in the period."
          />
          <p className={muted}>
            <Link className="text-indigo-600 hover:underline dark:text-indigo-400" href="/alerts">Open the alert queue</Link>
          </p>
        </div>
      );
    case "gaps": {
      const c = d.gaps.countersign;
      return (
        <div className="grid gap-3">
          <Facts rows={[["Countersign rate", c.rate === null ? "no two-sided traffic" : `${(c.rate * 100).toFixed(2)} %`], ["Countersigned / mismatched / silent / peer silent", `${c.countersigned} / ${c.mismatched} / ${c.silent} / ${c.peerSilent}`]]} />
          <List items={d.gaps.silentSpans.map((s) => `${s.device ?? s.nodeId}: silent ${when(s.from)} – ${when(s.to)} (${s.minutes} min) while its peers logged traffic with it`)} empty="No device was silent in the period." more={d.omitted?.silentSpans} />
        </div>
      );
    }
    case "logins":
      return (
        <div className="grid gap-3">
          <Facts
            rows={[
              ["Tailscale", `${d.logins.tailscale.failed} failed of ${d.logins.tailscale.logins} logins`],
              ["Countersign", `${d.logins.countersign.failed} failed sign-ins, ${d.logins.countersign.blocked} blocked, ${d.logins.countersign.lockouts} lockouts`],
            ]}
          />
          <List items={d.logins.tailscale.byActor.map((a) => `${a.actor}: ${a.count} failed in Tailscale`)} empty="No failed Tailscale logins." more={d.omitted?.tailscaleActors} />
          <List items={d.logins.countersign.byAccount.map((a) => `${a.account}: ${a.failed} failed, ${a.lockouts} lockouts in Countersign`)} empty="No failed Countersign sign-ins." more={d.omitted?.countersignAccounts} />
        </div>
      );
    case "restarts":
      return <List items={d.restarts.spans.map((s) => `${s.device ?? s.nodeId}: quiet ${when(s.from)} – ${when(s.to)} (${s.minutes} min), came back at ${s.endpointAfter} (was ${s.endpointBefore})`)} empty={`No device went quiet ${d.restarts.thresholdMinutes}+ minutes and came back elsewhere.`} more={d.omitted?.restarts} />;
    default:
      return null;
  }
}

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("logs.read");
  const { id } = await params;
  const r = await orNotFoundPage(getReview({ viewer, id }));
  const mayWork = can(viewer, "cases.work") && r.status === "OPEN";
  const ready = r.items.every((i) => i.tick?.checked);
  return (
    <>
      <PageHeader
        title={`Log review ${when(r.periodStart)} – ${when(r.periodEnd)}`}
        description={r.status === "SIGNED_OFF" ? `Signed off by ${r.signedOffByLabel} on ${when(r.signedOffAt!)}. The data below is frozen.` : `Open · due ${when(r.dueAt)} · ${r.itemsChecked} of ${r.itemsTotal} items ticked · data computed live.`}
        actions={
          <>
            <Link href="/reviews" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">All reviews</Link>
            {r.status === "SIGNED_OFF" ? (
              <>
                <a className={buttonClasses({ variant: "secondary" })} href={`/api/v1/reviews/${r.id}/export?format=md`}>Export Markdown</a>
                <a className={buttonClasses({ variant: "secondary" })} href={`/api/v1/reviews/${r.id}/export?format=json`}>Export JSON</a>
              </>
            ) : null}
          </>
        }
      />
      <div className="grid min-w-0 gap-4">
      {r.overdue ? <Alert tone="danger" title="Overdue">This review was due {when(r.dueAt)}.</Alert> : null}
      {r.items.map((item) => (
        <Card key={item.key}>
          <CardHeader>
            <CardTitle>
              <span className="flex flex-wrap items-center gap-2">
                {item.tick?.checked ? <Badge tone="success">Ticked</Badge> : <Badge tone="warning">To check</Badge>}
                <span>{item.label}</span>
              </span>
            </CardTitle>
            <CardDescription>{item.help}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ItemData item={item.key} d={r.data} />
            {item.tick?.checked ? <p className={muted}>Ticked by {item.tick.checkedByLabel} on {when(item.tick.checkedAt!)}{item.tick.note ? `: ${item.tick.note}` : "."}</p> : null}
            {mayWork ? <TickForm id={r.id} version={r.version} item={item.key} label={item.label} checked={Boolean(item.tick?.checked)} note={item.tick?.note ?? null} /> : null}
          </CardContent>
        </Card>
      ))}
      <Card>
        <CardHeader>
          <CardTitle>Sign-off</CardTitle>
          <CardDescription>{r.status === "SIGNED_OFF" ? <span className="break-all">Audit trail entry: {r.signOffAuditHash ?? "—"}</span> : "Signing off records who and when, freezes the data and goes on the audit trail."}</CardDescription>
        </CardHeader>
        <CardContent>
          {r.status === "SIGNED_OFF" ? <p className="text-sm break-words whitespace-pre-wrap">{r.notes ?? "No notes."}</p> : mayWork ? <SignOffForm id={r.id} version={r.version} ready={ready} /> : <p className={muted}>Only the Security Review Team signs reviews off.</p>}
        </CardContent>
      </Card>
      </div>
    </>
  );
}
