import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable } from "@/components/logs/audit-event-table";
import { CursorPager } from "@/components/logs/cursor-pager";
import { Suggestions, TimeWindowFields } from "@/components/logs/time-window-fields";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { requirePermission } from "@/lib/auth/session";
import { ZAuditEventFilter } from "@/lib/logs/filters";
import { listAuditEvents } from "@/lib/logs/list-audit-events";
import { parsePageFilter } from "@/lib/logs/page-filter";
import { AUDIT_ACTIONS, AUDIT_ORIGINS, AUDIT_PROPERTIES, AUDIT_TARGET_TYPES } from "@/lib/logs/vocabulary";
import { firstValues } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Config log" };

export default async function AuditEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("logs.read");
  const raw = firstValues(await searchParams);
  const { filter, errors } = parsePageFilter(ZAuditEventFilter, raw);
  const { events, nextCursor } = await listAuditEvents({ viewer, filter: { ...filter, limit: undefined } });

  return (
    <>
      <PageHeader title="Config log" description="Tailscale's configuration audit log: every change to the tailnet, who made it and through what, newest first. Times are UTC." />
      {Object.keys(errors).length ? <Alert tone="warning" title="Some filters were not understood and were left out" className="mb-4" /> : null}
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" aria-label="Filter audit events">
        <Field label="Search" htmlFor="f-q" error={errors.q}>
          <Input {...fieldControlProps("f-q", { error: errors.q })} name="q" type="search" defaultValue={raw.q ?? ""} placeholder="actor, target, details" maxLength={200} />
        </Field>
        <Field label="Action" htmlFor="f-action" error={errors.action}>
          <Input {...fieldControlProps("f-action", { error: errors.action })} name="action" list="actions" defaultValue={raw.action ?? ""} placeholder="DISABLE" maxLength={64} />
        </Field>
        <Field label="Target type" htmlFor="f-target-type" error={errors.targetType}>
          <Input {...fieldControlProps("f-target-type", { error: errors.targetType })} name="targetType" list="target-types" defaultValue={raw.targetType ?? ""} placeholder="TAILNET" maxLength={64} />
        </Field>
        <Field label="Setting" htmlFor="f-property" error={errors.property}>
          <Input {...fieldControlProps("f-property", { error: errors.property })} name="property" list="properties" defaultValue={raw.property ?? ""} placeholder="MAGIC_DNS" maxLength={64} />
        </Field>
        <Field label="Origin" htmlFor="f-origin" error={errors.origin}>
          <Select id="f-origin" name="origin" defaultValue={filter.origin ?? ""}>
            <option value="">Any origin</option>
            {AUDIT_ORIGINS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Outcome" htmlFor="f-failed" error={errors.failed}>
          <Select id="f-failed" name="failed" defaultValue={filter.failed ?? ""}>
            <option value="">Any outcome</option>
            <option value="true">Failed</option>
            <option value="false">Succeeded</option>
          </Select>
        </Field>
        <TimeWindowFields raw={raw} errors={errors} />
        <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
          <Button type="submit">Filter</Button>
          <Link href="/logs/audit" className={buttonClasses({ variant: "ghost" })}>
            Reset
          </Link>
        </div>
        <Suggestions id="actions" values={AUDIT_ACTIONS} />
        <Suggestions id="target-types" values={AUDIT_TARGET_TYPES} />
        <Suggestions id="properties" values={AUDIT_PROPERTIES} />
      </form>
      {events.length === 0 ? (
        <EmptyState title="No audit events match" description="Try a wider time range or fewer filters. Events arrive through log streaming, the poller or an import." />
      ) : (
        <AuditEventTable events={events} caption="Audit events, newest first" />
      )}
      <CursorPager shown={events.length} noun={["event", "events"]} nextCursor={nextCursor} params={raw} />
    </>
  );
}
