import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable } from "@/components/logs/audit-event-table";
import { DefinitionList } from "@/components/logs/definition-list";
import { DeviceStatusBadge } from "@/components/logs/device-status-badge";
import { FlowTable } from "@/components/logs/flow-table";
import { FlowChartCard, FlowTotals, TopTalkers } from "@/components/logs/flow-summary";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getDeviceOrThrow } from "@/lib/logs/get-device";
import { ZFlowSummaryFilter } from "@/lib/logs/filters";
import { summarizeFlows } from "@/lib/logs/summarize-flows";
import { parseInput } from "@/lib/errors";
import { decodedSegment } from "@/lib/logs/path-segment";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Device" };

const mono = (text: string | null) => (text ? <span className="font-mono text-xs">{text}</span> : null);
const linkClass = "text-sm text-indigo-600 hover:underline dark:text-indigo-400";

export default async function DevicePage({ params }: { params: Promise<{ nodeId: string }> }) {
  const viewer = await requirePermission("logs.read");
  const { nodeId } = await params;
  const { device: d, flows, changes } = await orNotFoundPage(getDeviceOrThrow({ viewer, nodeId: decodedSegment(nodeId) }));
  const node = encodeURIComponent(d.nodeId);
  // The traffic summary: what this node reported over the last 24 hours (its own records only).
  const summaryParams = { node: d.nodeId, range: "24h" };
  const summary = await summarizeFlows({ viewer, filter: parseInput(ZFlowSummaryFilter, summaryParams) });

  return (
    <>
      <PageHeader
        title={<span className="break-all">{d.name ?? d.nodeId}</span>}
        description={<span className="font-mono">{d.nodeId}</span>}
        actions={<DeviceStatusBadge status={d.status} />}
      />
      {d.status === "quiet" ? (
        <Alert tone="warning" title="This node has stopped sending its flow log" className="mb-4">
          Its last own record ended at {d.lastRecordAt?.slice(0, 19).replace("T", " ")} UTC. Check that it is online and that network flow logging is still on.
        </Alert>
      ) : null}
      <div className="grid gap-6 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Device</CardTitle>
          </CardHeader>
          <CardContent className="pb-5">
            <DefinitionList
              items={[
                ["Addresses", mono(d.addresses.join(", "))],
                ["OS", d.os],
                ["Owner", d.userLogin && <bdi key="u">{d.userLogin}</bdi>],
                ["Tags", d.tags.join(", ")],
                ["First seen", mono(d.firstSeenAt)],
                ["Last seen", mono(d.lastSeenAt)],
                ["Last own record", mono(d.lastRecordAt) ?? "never: only other nodes have logged it"],
                ["Last own record received", mono(d.lastReceivedAt)],
              ]}
            />
          </CardContent>
        </Card>
        <section aria-labelledby="summary-heading" className="grid gap-4 [&>*]:min-w-0">
          <h2 id="summary-heading" className="text-base font-semibold">Traffic it reported in the last 24 hours</h2>
          <FlowTotals totals={summary.totals} />
          {summary.totals.entries > 0 ? (
            <>
              <FlowChartCard series={summary.series} />
              <TopTalkers summary={summary} params={summaryParams} />
            </>
          ) : null}
        </section>
        <section aria-labelledby="traffic-heading">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="traffic-heading" className="text-base font-semibold">Latest traffic it reported</h2>
            <span className="flex gap-4">
              <Link href={`/logs/flows?node=${node}`} className={linkClass}>All its traffic</Link>
              {d.addresses[0] ? <Link href={`/logs/flows?ip=${encodeURIComponent(d.addresses[0])}`} className={linkClass}>Traffic to or from {d.addresses[0]}</Link> : null}
            </span>
          </div>
          {flows.length ? <FlowTable flows={flows} caption="Latest traffic this node reported" showNode={false} /> : <EmptyState title="No traffic reported by this node" description="Within the flow log's retention." />}
        </section>
        <section aria-labelledby="changes-heading">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="changes-heading" className="text-base font-semibold">Configuration changes to it</h2>
            <Link href={`/logs/audit?targetId=${node}`} className={linkClass}>All of them</Link>
          </div>
          {changes.length ? <AuditEventTable events={changes} caption="Configuration changes to this device" /> : <EmptyState title="No configuration changes recorded" description="Approvals, tags, key expiry and renames of this node appear here." />}
        </section>
      </div>
    </>
  );
}
