import type { Metadata } from "next";
import { AuditEventTable } from "@/components/logs/audit-event-table";
import { CursorPager } from "@/components/logs/cursor-pager";
import { FilterButtons, FilterErrorsNotice, Suggestions } from "@/components/logs/filter-form-parts";
import { TimeWindowFields } from "@/components/logs/time-window-fields";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { requirePermission } from "@/lib/auth/session";
import { timeBounds, ZAuditEventFilter } from "@/lib/logs/filters";
import { listAuditEvents } from "@/lib/logs/list-audit-events";
import { parsePageFilter } from "@/lib/logs/page-filter";
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_ORIGINS, AUDIT_PROPERTIES, AUDIT_TARGET_TYPES } from "@/lib/logs/vocabulary";
import { listLogSources } from "@/lib/logs/list-log-sources";
import { firstValues } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Config log" };

// Tailscale's own values, typed or picked from suggestions; values outside the lists still work.
const CODE_FIELDS = [
  { label: "Action", name: "action", list: "actions", example: "DISABLE", values: AUDIT_ACTIONS },
  { label: "Target type", name: "targetType", list: "target-types", example: "TAILNET", values: AUDIT_TARGET_TYPES },
  { label: "Setting", name: "property", list: "properties", example: "MAGIC_DNS", values: AUDIT_PROPERTIES },
  { label: "Actor type", name: "actorType", list: "actor-types", example: "OAUTH_CLIENT", values: AUDIT_ACTOR_TYPES },
] as const;

export default async function AuditEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("logs.read");
  const raw = firstValues(await searchParams);
  const { filter, errors } = parsePageFilter(ZAuditEventFilter, raw);
  const now = new Date();
  const [{ events, nextCursor }, sources] = await Promise.all([listAuditEvents({ viewer, filter: { ...filter, limit: undefined }, now }), listLogSources({ viewer })]);
  const { from } = timeBounds(filter, now);

  return (
    <>
      <PageHeader title="Config log" description="Tailscale's configuration audit log: every change to the tailnet, who made it and through what, newest first. Times are UTC." />
      <FilterErrorsNotice errors={errors} />
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" aria-label="Filter audit events">
        <Field label="Search" htmlFor="f-q" error={errors.q}>
          <Input {...fieldControlProps("f-q", { error: errors.q })} name="q" type="search" defaultValue={raw.q ?? ""} placeholder="actor, target, details" maxLength={200} />
        </Field>
        <Field label="Actor" htmlFor="f-actor" error={errors.actor}>
          <Input {...fieldControlProps("f-actor", { error: errors.actor })} name="actor" defaultValue={raw.actor ?? ""} placeholder="login, name or id" maxLength={320} />
        </Field>
        {CODE_FIELDS.map(({ label, name, list, example }) => (
          <Field key={name} label={label} htmlFor={`f-${name}`} error={errors[name]}>
            <Input {...fieldControlProps(`f-${name}`, { error: errors[name] })} name={name} list={list} defaultValue={raw[name] ?? ""} placeholder={example} maxLength={64} />
          </Field>
        ))}
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
        <Field label="Source" htmlFor="f-source" error={errors.source}>
          <Select id="f-source" name="source" defaultValue={filter.source ? String(filter.source) : ""}>
            <option value="">Any source</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
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
        <FilterButtons resetHref="/logs/audit" className="sm:col-span-2 lg:col-span-1" />
        {CODE_FIELDS.map(({ list, values }) => (
          <Suggestions key={list} id={list} values={values} />
        ))}
      </form>
      {events.length === 0 ? (
        <EmptyState title="No audit events match" description="Try a wider time range or fewer filters. Events arrive through log streaming, the poller or an import." />
      ) : (
        <AuditEventTable events={events} caption="Audit events, newest first" />
      )}
      <CursorPager shown={events.length} noun={["event", "events"]} nextCursor={nextCursor} params={raw} from={from?.toISOString()} />
    </>
  );
}
