import type { Metadata } from "next";
import Link from "next/link";
import { DeviceStatusBadge } from "@/components/logs/device-status-badge";
import { FilterButtons, FilterErrorsNotice } from "@/components/logs/filter-form-parts";
import { LogTime } from "@/components/logs/log-time";
import { Pager } from "@/components/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { ZDeviceFilter } from "@/lib/logs/filters";
import { listDevices } from "@/lib/logs/list-devices";
import { parsePageFilter } from "@/lib/logs/page-filter";
import { firstValues } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("logs.read");
  const raw = firstValues(await searchParams);
  const { filter, errors } = parsePageFilter(ZDeviceFilter, raw);
  const { devices, total, page, pageSize, quietAfterMinutes } = await listDevices({ viewer, filter });

  return (
    <>
      <PageHeader
        title="Devices"
        description={`The nodes the flow logs have shown, most recently seen first. A node is quiet when its own flow log has not arrived for ${quietAfterMinutes} minutes; peer only when only other nodes have logged it.`}
      />
      <FilterErrorsNotice errors={errors} />
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-3 sm:items-end" aria-label="Filter devices">
        <Field label="Search" htmlFor="f-q" error={errors.q}>
          <Input {...fieldControlProps("f-q", { error: errors.q })} name="q" type="search" defaultValue={raw.q ?? ""} placeholder="name, node id, user, tag, address" maxLength={200} />
        </Field>
        <Field label="Own flow logs" htmlFor="f-status" error={errors.status}>
          <Select {...fieldControlProps("f-status", { error: errors.status })} name="status" defaultValue={filter.status ?? ""}>
            <option value="">Any</option>
            <option value="reporting">Reporting</option>
            <option value="quiet">Quiet</option>
            <option value="peer-only">Peer only</option>
          </Select>
        </Field>
        <FilterButtons resetHref="/devices" />
      </form>
      {devices.length === 0 ? (
        <EmptyState title="No devices match" description="Devices appear once flow logs mention them." />
      ) : (
        <Table>
          <caption className="sr-only">Devices, most recently seen first</caption>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Addresses</TH>
              <TH>OS</TH>
              <TH>Owner</TH>
              <TH>Last seen (UTC)</TH>
              <TH>Own logs</TH>
            </TR>
          </THead>
          <TBody>
            {devices.map((d) => (
              <TR key={d.nodeId}>
                <TD className="max-w-64">
                  <Link href={`/devices/${encodeURIComponent(d.nodeId)}`} className="block truncate font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                    {d.name ?? d.nodeId}
                  </Link>
                  <span className="block truncate font-mono text-xs text-zinc-500">{d.nodeId}</span>
                </TD>
                <TD className="font-mono text-xs">{d.addresses.slice(0, 2).join(", ")}{d.addresses.length > 2 ? ` +${d.addresses.length - 2}` : ""}</TD>
                <TD className="text-xs">{d.os ?? ""}</TD>
                <TD className="max-w-48 truncate text-xs"><bdi>{d.userLogin ?? d.tags.join(", ")}</bdi></TD>
                <TD><LogTime iso={d.lastSeenAt} /></TD>
                <TD><DeviceStatusBadge status={d.status} /></TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={page} pageSize={pageSize} total={total} noun={["device", "devices"]} params={raw} />
    </>
  );
}
