import type { Metadata } from "next";
import Link from "next/link";
import { actionTone, AuditEventTable } from "@/components/logs/audit-event-table";
import { DefinitionList } from "@/components/logs/definition-list";
import { LineDiffView } from "@/components/logs/line-diff-view";
import { LogTime } from "@/components/logs/log-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getAuditEventOrThrow } from "@/lib/logs/get-audit-event";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Audit event" };

function Value({ label, value }: { label: string; value: unknown }) {
  const text = value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</h3>
      {text === null ? (
        <p className="text-sm text-zinc-500">none</p>
      ) : (
        <pre tabIndex={0} className="max-h-[32rem] overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs whitespace-pre-wrap break-all dark:bg-zinc-950">
          {text}
        </pre>
      )}
    </div>
  );
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("logs.read");
  const { id } = await params;
  const { event: e, group, policyDiff } = await orNotFoundPage(getAuditEventOrThrow({ viewer, id }));
  const actor = e.actor.loginName || e.actor.displayName || e.actor.id || "unknown";
  const isNode = e.target.type === "NODE" && e.target.id;

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={actionTone(e)} className="text-sm">{e.action}</Badge>
            <span>
              {e.target.type ?? "?"}
              {e.target.property ? ` · ${e.target.property}` : ""}
            </span>
          </span>
        }
        description={<><bdi>{actor}</bdi> at <LogTime iso={e.eventTime} /> UTC</>}
        actions={<Link href="/logs/audit" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">All audit events</Link>}
      />
      {e.error ? <Alert tone="danger" title="The change failed" className="mb-4">{e.error}</Alert> : null}
      <div className="grid gap-4 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Event</CardTitle>
          </CardHeader>
          <CardContent>
            <DefinitionList
              items={[
                ["Time", <span key="t" className="font-mono text-xs">{e.eventTime}</span>],
                ["Origin", e.origin],
                ["Actor", <span key="a"><bdi>{actor}</bdi>{e.actor.displayName && e.actor.loginName ? ` (${e.actor.displayName})` : ""}</span>],
                ["Actor type", e.actor.type],
                ["Actor id", e.actor.id && <span className="font-mono text-xs">{e.actor.id}</span>],
                ["Actor tags", e.actor.tags.join(", ")],
                ["Target", <bdi key="n">{e.target.name ?? e.target.id}</bdi>],
                ["Target id", isNode ? <Link key="d" href={`/devices/${encodeURIComponent(e.target.id!)}`} className="font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">{e.target.id}</Link> : e.target.id && <span className="font-mono text-xs">{e.target.id}</span>],
                ["Ephemeral", e.target.isEphemeral === null ? null : e.target.isEphemeral ? "yes" : "no"],
                ["Details", e.actionDetails],
                ["Event group", e.eventGroupId && <Link key="g" href={`/logs/audit?eventGroup=${e.eventGroupId}`} className="font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">{e.eventGroupId}</Link>],
                ["Logged by Tailscale", e.loggedAt && <span className="font-mono text-xs">{e.loggedAt}</span>],
                ["Received", <span key="r" className="font-mono text-xs">{e.receivedAt}</span>],
              ]}
            />
          </CardContent>
        </Card>
        {policyDiff ? (
          <Card>
            <CardHeader>
              <CardTitle>Policy file changes</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 pb-5">
              <LineDiffView diff={policyDiff} label="Line changes to the policy file" />
              <details className="text-sm">
                <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Both policy files whole</summary>
                <div className="mt-3 grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
                  <Value label="Before" value={e.old} />
                  <Value label="After" value={e.new} />
                </div>
              </details>
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>Change</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 pb-5 lg:grid-cols-2">
              <Value label="Before" value={e.old} />
              <Value label="After" value={e.new} />
            </CardContent>
          </Card>
        )}
        {e.extra ? (
          <Card>
            <CardHeader>
              <CardTitle>Other fields</CardTitle>
            </CardHeader>
            <CardContent className="pb-5">
              <Value label="As received" value={e.extra} />
            </CardContent>
          </Card>
        ) : null}
        {group.length ? (
          <section aria-labelledby="group-heading">
            <h2 id="group-heading" className="mb-2 text-base font-semibold">Same operation</h2>
            <AuditEventTable events={group} caption="Other events of the same operation" />
          </section>
        ) : null}
      </div>
    </>
  );
}
