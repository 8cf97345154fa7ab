import type { Metadata } from "next";
import { CursorPager } from "@/components/logs/cursor-pager";
import { FlowChartCard, FlowTotals, TopTalkers } from "@/components/logs/flow-summary";
import { FlowTable } from "@/components/logs/flow-table";
import { FilterButtons, FilterErrorsNotice, Suggestions } from "@/components/logs/filter-form-parts";
import { TimeWindowFields } from "@/components/logs/time-window-fields";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { requirePermission } from "@/lib/auth/session";
import { FLOW_KINDS } from "@/lib/ingest/records";
import { DEFAULT_FLOW_RANGE, ZFlowFilter } from "@/lib/logs/filters";
import { listFlows } from "@/lib/logs/list-flows";
import { summarizeFlows } from "@/lib/logs/summarize-flows";
import { parsePageFilter } from "@/lib/logs/page-filter";
import { firstValues } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Flow log" };

const PROTOCOL_NAMES = ["tcp", "udp", "icmp", "ipv6-icmp", "gre", "esp", "sctp"];
const KIND_LABELS: Record<(typeof FLOW_KINDS)[number], string> = { VIRTUAL: "Tailnet (virtual)", SUBNET: "Subnet router", EXIT: "Exit node", PHYSICAL: "Physical (WireGuard)" };

export default async function FlowsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("logs.read");
  const raw = firstValues(await searchParams);
  const { filter, errors } = parsePageFilter(ZFlowFilter, raw);
  const now = new Date();
  // One `now` for both, so the totals and the chart describe exactly the rows of the table.
  const [{ flows, nextCursor, window }, summary] = await Promise.all([
    listFlows({ viewer, filter: { ...filter, limit: undefined }, now }),
    summarizeFlows({ viewer, filter, now }),
  ]);

  return (
    <>
      <PageHeader
        title="Flow log"
        description="Tailscale's network flow log: one row per traffic entry a node reported for a window of about five seconds, newest first. Both ends of tailnet traffic report it, so totals count such traffic twice. Times are UTC."
      />
      <FilterErrorsNotice errors={errors} />
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" aria-label="Filter flows">
        <Field label="Reporting node" htmlFor="f-node" error={errors.node}>
          <Input {...fieldControlProps("f-node", { error: errors.node })} name="node" defaultValue={raw.node ?? ""} placeholder="node id or name" maxLength={200} />
        </Field>
        <Field label="Address (either end)" htmlFor="f-ip" error={errors.ip}>
          <Input {...fieldControlProps("f-ip", { error: errors.ip })} name="ip" defaultValue={raw.ip ?? ""} placeholder="100.64.0.0/10" maxLength={60} />
        </Field>
        <Field label="Port (either end)" htmlFor="f-port" error={errors.port}>
          <Input {...fieldControlProps("f-port", { error: errors.port })} name="port" inputMode="numeric" defaultValue={raw.port ?? ""} placeholder="22" maxLength={5} />
        </Field>
        <Field label="Protocol" htmlFor="f-proto" error={errors.proto}>
          <Input {...fieldControlProps("f-proto", { error: errors.proto })} name="proto" list="protocols" defaultValue={raw.proto ?? ""} placeholder="tcp" maxLength={20} />
        </Field>
        <Field label="Kind" htmlFor="f-kind" error={errors.kind}>
          <Select {...fieldControlProps("f-kind", { error: errors.kind })} name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">Any kind</option>
            {FLOW_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <TimeWindowFields raw={raw} errors={errors} defaultRange={DEFAULT_FLOW_RANGE} />
        <FilterButtons resetHref="/logs/flows" className="sm:col-span-2 lg:col-span-4" />
        <Suggestions id="protocols" values={PROTOCOL_NAMES} />
      </form>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Windows starting from <time dateTime={window.from} className="font-mono">{window.from.slice(0, 16).replace("T", " ")}</time>
        {window.until ? (
          <>
            {" "}to before <time dateTime={window.until} className="font-mono">{window.until.slice(0, 16).replace("T", " ")}</time>
          </>
        ) : (
          " to now"
        )}{" "}
        UTC
      </p>
      <div className="mb-6 grid gap-4 [&>*]:min-w-0">
        <FlowTotals totals={summary.totals} />
        <FlowChartCard series={summary.series} />
        <TopTalkers summary={summary} params={raw} />
      </div>
      <h2 className="mb-2 text-base font-semibold">Entries</h2>
      {flows.length === 0 ? (
        <EmptyState title="No flows match" description="Try a wider time range or fewer filters. Flow logs arrive only from nodes with network flow logging on." />
      ) : (
        <FlowTable flows={flows} caption="Flow log entries, newest first" />
      )}
      <CursorPager shown={flows.length} noun={["entry", "entries"]} nextCursor={nextCursor} params={raw} from={window.from} />
    </>
  );
}
