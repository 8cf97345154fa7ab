import type { Metadata } from "next";
import Link from "next/link";
import { ListChecks, Plus, Settings2 } from "lucide-react";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { CaseClassBadge, CaseStatusBadge, CLASS_LABELS } from "@/components/cases/case-badges";
import { ListSavedViews } from "@/components/cases/list-saved-views";
import { FilterButtons, FilterErrorsNotice } from "@/components/logs/filter-form-parts";
import { buttonClasses } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { TabLink, TabNav } from "@/components/ui/tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { VISIBILITIES } from "@/lib/auth/visibility";
import { caseHref } from "@/lib/cases/case-tabs";
import { countdown } from "@/lib/cases/deadlines";
import { listCasePeople, listCases } from "@/lib/cases/list-cases";
import { listSavedViews, viewQuery } from "@/lib/cases/saved-views";
import { ZListCases } from "@/lib/cases/schemas";
import { CASE_STATUSES, STATUS_LABELS } from "@/lib/cases/status";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/detections/severity";
import { formatDateTime } from "@/lib/format";
import { parsePageFilter } from "@/lib/logs/page-filter";
import { cn } from "@/lib/cn";
import { deleteViewAction, saveViewAction } from "./actions";

export const metadata: Metadata = { title: "Cases" };

const PAGE_SIZE = 25;

/** Query values as the filter reads them: repeated checkboxes joined, empty ones dropped. */
function queryValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v.filter(Boolean).join(",") : v) || undefined]));
}

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("cases.access");
  const raw = queryValues(await searchParams);
  const now = new Date();
  // The list opens on the open cases, overdue first; "all" is an explicit choice.
  const statusParam = raw.status ?? "open";
  const input = {
    ...raw,
    status: statusParam === "open" || statusParam === "all" ? undefined : statusParam,
    open: statusParam === "open" ? "true" : undefined,
    sort: raw.sort ?? "overdue",
    pageSize: String(PAGE_SIZE),
  };
  const { filter, errors } = parsePageFilter(ZListCases, input);
  const [result, views, people] = await Promise.all([listCases({ viewer, filter: { ...input, ...Object.fromEntries(Object.keys(errors).map((k) => [k, undefined])) }, now }), listSavedViews({ viewer }), listCasePeople({ viewer })]);
  const { cases, total, page, statusCounts, overdue } = result;
  const currentQuery = viewQuery(raw);
  const openCount = CASE_STATUSES.filter((s) => s !== "RESOLVED" && s !== "CLOSED").reduce((n, s) => n + (statusCounts[s] ?? 0), 0);
  const allCount = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const keep = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v && k !== "status" && k !== "page")) as Record<string, string>;
  const tabHref = (status: string) => `?${new URLSearchParams({ ...keep, status })}`;
  const pageHref = (p: number) => `?${new URLSearchParams({ ...keep, ...(raw.status ? { status: raw.status } : {}), page: String(p) })}`;
  const tabs = [
    { label: "Open", status: "open", n: openCount },
    ...CASE_STATUSES.map((s) => ({ label: STATUS_LABELS[s], status: s, n: statusCounts[s] ?? 0 })),
    { label: "All", status: "all", n: allCount },
  ];
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Cases"
        description={
          <>
            Incidents from first alert or report to closed case. Times are UTC.
            {overdue ? <strong className="font-medium text-red-700 dark:text-red-300"> {overdue} open {overdue === 1 ? "case is" : "cases are"} overdue.</strong> : null}
            {can(viewer, "cases.work") ? (
              <>
                {" "}
                <Link href="/cases/settings" className="inline-flex items-center gap-1 text-indigo-600 hover:underline dark:text-indigo-400">
                  <Settings2 aria-hidden="true" className="size-3.5" />
                  SLA settings
                </Link>{" "}
                <Link href="/cases/templates" className="inline-flex items-center gap-1 text-indigo-600 hover:underline dark:text-indigo-400">
                  <ListChecks aria-hidden="true" className="size-3.5" />
                  Templates
                </Link>
              </>
            ) : null}
          </>
        }
        actions={
          <Link href="/cases/new" className={buttonClasses({})}>
            <Plus aria-hidden="true" /> New case
          </Link>
        }
      />
      <TabNav label="Case status">
        {tabs.map((t) => (
          <TabLink key={t.status} href={tabHref(t.status)} active={statusParam === t.status} count={t.n}>
            {t.label}
          </TabLink>
        ))}
      </TabNav>
      <ListSavedViews views={views} currentQuery={currentQuery} saveAction={saveViewAction} deleteAction={deleteViewAction} />
      <FilterErrorsNotice errors={errors} />
      <details className="mb-4 rounded-md border border-zinc-200 bg-white p-3 open:pb-4 dark:border-zinc-800 dark:bg-zinc-900" open={Object.keys(raw).some((k) => !["status", "page", "sort"].includes(k))}>
        <summary className="cursor-pointer text-sm font-medium">Filters and sort</summary>
        <form method="get" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" aria-label="Filter cases">
          <input type="hidden" name="status" value={statusParam} />
          <Field label="Search reference or title" htmlFor="f-q" error={errors.q}>
            <Input {...fieldControlProps("f-q", { error: errors.q })} name="q" type="search" defaultValue={raw.q ?? ""} maxLength={200} placeholder="CASE-2026-0007, phishing…" />
          </Field>
          <Field label="Lead" htmlFor="f-lead" error={errors.lead}>
            <Select id="f-lead" name="lead" defaultValue={raw.lead ?? ""}>
              <option value="">Anyone</option>
              <option value="none">No lead</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Sort" htmlFor="f-sort" error={errors.sort}>
            <Select id="f-sort" name="sort" defaultValue={filter.sort}>
              <option value="overdue">Overdue first, then by due date</option>
              <option value="updated">Last changed first</option>
              <option value="created">Newest first</option>
            </Select>
          </Field>
          <div className="flex flex-col gap-2 text-sm">
            <label className="flex items-center gap-2">
              <Checkbox name="mine" value="true" defaultChecked={filter.mine} /> Only cases I lead or am on
            </label>
            <label className="flex items-center gap-2">
              <Checkbox name="overdue" value="true" defaultChecked={filter.overdue} /> Only overdue cases
            </label>
          </div>
          <fieldset className="sm:col-span-2">
            <legend className="mb-1.5 text-sm font-medium">Severity</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {SEVERITIES.map((s) => (
                <label key={s} className="flex items-center gap-1.5 text-sm">
                  <Checkbox name="severity" value={s} defaultChecked={filter.severity.includes(s)} />
                  {SEVERITY_LABELS[s]}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium">Class</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {VISIBILITIES.map((v) => (
                <label key={v} className="flex items-center gap-1.5 text-sm">
                  <Checkbox name="visibility" value={v} defaultChecked={filter.visibility.includes(v)} />
                  {CLASS_LABELS[v]}
                </label>
              ))}
            </div>
          </fieldset>
          <FilterButtons resetHref="/cases" />
        </form>
      </details>
      {cases.length === 0 ? (
        <EmptyState
          title={statusParam === "open" && Object.keys(keep).length === 0 ? "No open cases" : "No cases match"}
          description={statusParam === "open" ? "Open a case from alerts or reports, or start one from scratch." : "Try another status tab or fewer filters."}
          action={
            <Link href="/cases/new" className={buttonClasses({ variant: "secondary" })}>
              New case
            </Link>
          }
        />
      ) : (
        <Table>
          <caption className="sr-only">Cases{overdue ? `, overdue cases first` : ""}</caption>
          <THead>
            <TR>
              <TH>Case</TH>
              <TH className="hidden sm:table-cell">Severity</TH>
              <TH>Status</TH>
              <TH className="hidden md:table-cell">Lead</TH>
              <TH className="hidden lg:table-cell">Class</TH>
              <TH className="hidden sm:table-cell">Due</TH>
              <TH className="hidden text-right xl:table-cell">Alerts / reports</TH>
              <TH className="hidden xl:table-cell">Changed</TH>
            </TR>
          </THead>
          <TBody>
            {cases.map((c) => {
              const due = c.dueAt && c.status !== "RESOLVED" && c.status !== "CLOSED" ? countdown(c.dueAt, now) : null;
              return (
                <TR key={c.id} data-overdue={c.isOverdue || undefined} className={cn(c.isOverdue && "bg-red-50/70 dark:bg-red-500/10")}>
                  <TD className="min-w-48 max-w-md">
                    <Link href={caseHref(c.reference)} className="font-medium text-zinc-900 hover:underline focus-visible:underline dark:text-zinc-100">
                      <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{c.reference}</span>
                      <span className="block break-words [unicode-bidi:isolate]">{c.title}</span>
                    </Link>
                    <span className="mt-1 flex flex-wrap items-center gap-2 sm:hidden">
                      <SeverityBadge severity={c.severity} />
                      {due ? <span className={cn("text-xs", due.overdue ? "font-medium text-red-700 dark:text-red-300" : "text-zinc-500")}>{due.overdue ? due.label : `Due ${due.label}`}</span> : null}
                    </span>
                  </TD>
                  <TD className="hidden sm:table-cell">
                    <SeverityBadge severity={c.severity} />
                  </TD>
                  <TD>
                    <CaseStatusBadge status={c.status} />
                  </TD>
                  <TD className="hidden text-xs md:table-cell">{c.lead ? c.lead.name || c.lead.email : <span className="text-zinc-400">—</span>}</TD>
                  <TD className="hidden lg:table-cell">
                    <CaseClassBadge visibility={c.visibility} />
                  </TD>
                  <TD className="hidden text-xs sm:table-cell">
                    {due ? (
                      <span className={cn(due.overdue && "font-semibold text-red-700 dark:text-red-300")} title={c.dueAt ? formatDateTime(c.dueAt) : undefined}>
                        {due.label}
                      </span>
                    ) : (
                      <span className="text-zinc-400">—</span>
                    )}
                  </TD>
                  <TD className="hidden text-right tabular-nums xl:table-cell">
                    {c.alertCount} / {c.reportCount}
                  </TD>
                  <TD className="hidden text-xs xl:table-cell">{formatDateTime(c.updatedAt)}</TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          {total === 0 ? "No cases" : `Cases ${(page - 1) * PAGE_SIZE + 1}–${(page - 1) * PAGE_SIZE + cases.length} of ${total}`}
        </span>
        <span className="flex gap-2">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className={buttonClasses({ variant: "secondary", size: "sm" })} rel="prev">
              Previous
            </Link>
          ) : null}
          {page < lastPage ? (
            <Link href={pageHref(page + 1)} className={buttonClasses({ variant: "secondary", size: "sm" })} rel="next">
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
