import type { Metadata } from "next";
import { AlertQueue } from "@/components/alerts/alert-queue";
import { AlertTrendChart } from "@/components/alerts/alert-trend-chart";
import { NewAlertsCounter } from "@/components/alerts/new-alerts-counter";
import { CursorPager } from "@/components/logs/cursor-pager";
import { FilterButtons, FilterErrorsNotice } from "@/components/logs/filter-form-parts";
import { TimeWindowFields } from "@/components/logs/time-window-fields";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { TabLink, TabNav } from "@/components/ui/tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { countAlertsByDay } from "@/lib/alerts/count-alerts-by-day";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { listAssignees } from "@/lib/alerts/list-assignees";
import { listRules } from "@/lib/alerts/list-rules";
import { ZAlertFilter } from "@/lib/alerts/schemas";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/detections/severity";
import { parsePageFilter } from "@/lib/logs/page-filter";
import { listOpenCasesForPicker } from "@/lib/cases/list-cases";
import { addAlertsToCaseAction } from "../cases/actions";
import { bulkAlertAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

const TABS = [
  { label: "Open", status: "OPEN" },
  { label: "Acknowledged", status: "ACKNOWLEDGED" },
  { label: "Linked", status: "LINKED" },
  { label: "Dismissed", status: "DISMISSED" },
  { label: "All", status: "" },
] as const;

/** Query values as the filter reads them: repeated checkboxes joined, empty ones dropped. */
function queryValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v.filter(Boolean).join(",") : v) || undefined]));
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("alerts.read");
  const raw = queryValues(await searchParams);
  // The queue opens on what needs doing; "All" is an explicit choice.
  const input = { ...raw, status: raw.status === "all" ? undefined : (raw.status ?? "OPEN") };
  const { filter, errors } = parsePageFilter(ZAlertFilter, input);
  const loadedAt = new Date().toISOString();
  const canWork = can(viewer, "alerts.work");
  const canCase = canWork && can(viewer, "cases.access");
  const [{ alerts, nextCursor, statusCounts }, days, rules, assignees, openCases] = await Promise.all([
    listAlerts({ viewer, filter }),
    countAlertsByDay({ viewer }),
    listRules({ viewer }),
    canWork ? listAssignees({ viewer }) : Promise.resolve([]),
    canCase ? listOpenCasesForPicker({ viewer }) : Promise.resolve([]),
  ]);
  const ruleTitles = Object.fromEntries(rules.map((r) => [r.id, r.title]));
  const currentStatus = filter.status?.length === 1 ? filter.status[0] : filter.status?.length ? "several" : "";
  const tabHref = (status: string) => `?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(raw).filter(([k, v]) => v && k !== "status" && k !== "before")) as Record<string, string>), status: status || "all" })}`;
  const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);

  return (
    <>
      <PageHeader
        title="Alerts"
        description="What the detection rules raised from the Tailscale logs. Times are UTC; repeats of the same finding join one alert."
        actions={<NewAlertsCounter loadedAt={loadedAt} />}
      />
      <Card className="mb-6">
        <CardHeader className="pb-0">
          <CardTitle>Alerts raised, last 14 days</CardTitle>
        </CardHeader>
        <CardContent>
          <AlertTrendChart days={days} />
        </CardContent>
      </Card>
      <TabNav label="Alert status">
        {TABS.map((t) => (
          <TabLink key={t.label} href={tabHref(t.status)} active={currentStatus === t.status} count={t.status ? statusCounts[t.status] : total}>
            {t.label}
          </TabLink>
        ))}
      </TabNav>
      <FilterErrorsNotice errors={errors} />
      <details className="mb-4 rounded-md border border-zinc-200 bg-white p-3 open:pb-4 dark:border-zinc-800 dark:bg-zinc-900" open={Object.keys(raw).some((k) => !["status", "before", "sort"].includes(k))}>
        <summary className="cursor-pointer text-sm font-medium">Filters and sort</summary>
        <form method="get" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" aria-label="Filter alerts">
          <input type="hidden" name="status" value={raw.status ?? "OPEN"} />
          <Field label="Search titles" htmlFor="f-q" error={errors.q}>
            <Input {...fieldControlProps("f-q", { error: errors.q })} name="q" type="search" defaultValue={raw.q ?? ""} maxLength={200} placeholder="HTTPS, mallory@…" />
          </Field>
          <Field label="Rule" htmlFor="f-rule" error={errors.rule}>
            <Select {...fieldControlProps("f-rule", { error: errors.rule })} name="rule" defaultValue={filter.rule ?? ""}>
              <option value="">Any rule</option>
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Device" htmlFor="f-device" error={errors.device}>
            <Input {...fieldControlProps("f-device", { error: errors.device })} name="device" defaultValue={raw.device ?? ""} maxLength={200} placeholder="node id or name" />
          </Field>
          <Field label="User" htmlFor="f-user" error={errors.user}>
            <Input {...fieldControlProps("f-user", { error: errors.user })} name="user" defaultValue={raw.user ?? ""} maxLength={320} placeholder="login" />
          </Field>
          <fieldset className="sm:col-span-2">
            <legend className="mb-1.5 text-sm font-medium">Severity</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {SEVERITIES.map((s) => (
                <label key={s} className="flex items-center gap-1.5 text-sm">
                  <input type="checkbox" name="severity" value={s} defaultChecked={filter.severity?.includes(s)} className="size-4 accent-indigo-600" />
                  {SEVERITY_LABELS[s]}
                </label>
              ))}
            </div>
            {errors.severity ? <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors.severity}</p> : null}
          </fieldset>
          <Field label="Sort" htmlFor="f-sort" error={errors.sort}>
            <Select id="f-sort" name="sort" defaultValue={filter.sort ?? "newest"}>
              <option value="newest">Newest first</option>
              <option value="severity">Most severe first</option>
              <option value="oldest">Oldest first</option>
            </Select>
          </Field>
          <TimeWindowFields raw={raw} errors={errors} />
          <FilterButtons resetHref="/alerts" className="sm:col-span-2 lg:col-span-1" />
        </form>
      </details>
      {alerts.length === 0 ? (
        <EmptyState
          title={currentStatus === "OPEN" ? "No open alerts" : "No alerts match"}
          description={currentStatus === "OPEN" ? "Nothing waits for the team. New alerts appear here within seconds of the log event." : "Try another status tab, a wider time range or fewer filters."}
        />
      ) : (
        <AlertQueue
          alerts={alerts}
          ruleTitles={ruleTitles}
          canWork={canWork}
          assignees={assignees}
          action={bulkAlertAction}
          cases={canCase ? { openCases, addAction: addAlertsToCaseAction } : undefined}
        />
      )}
      <CursorPager shown={alerts.length} noun={["alert", "alerts"]} nextCursor={nextCursor} params={raw} />
    </>
  );
}
