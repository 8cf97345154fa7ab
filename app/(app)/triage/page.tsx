import type { Metadata } from "next";
import Link from "next/link";
import { ClassBadge, StatusBadge, UrgencyBadge } from "@/components/reports/report-badges";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Pager } from "@/components/pager";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { visibleClasses } from "@/lib/auth/visibility";
import { firstValues } from "@/lib/page-helpers";
import { formatDateTime } from "@/lib/format";
import { CATEGORIES, REPORTER_STATUS, VISIBILITY_CHOICES } from "@/lib/reports/catalog";
import { listReports, ZInboxFilter } from "@/lib/reports/triage";
import { can } from "@/lib/auth/permissions";
import { casesOfReports } from "@/lib/cases/list-cases";

export const metadata: Metadata = { title: "Report inbox" };

export default async function TriageInboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("reports.triage");
  const raw = firstValues(await searchParams);
  const parsed = ZInboxFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : ZInboxFilter.parse({});
  const { rows, total, page, pageSize } = await listReports({ viewer, filter });
  const casesAllowed = can(viewer, "cases.access");
  const onCases = await casesOfReports({ viewer, reportIds: rows.map((r) => r.id) });
  const classes = visibleClasses(viewer);

  return (
    <>
      <PageHeader title="Report inbox" description={`Reports you may triage: ${classes.map((c) => VISIBILITY_CHOICES[c].label.toLowerCase()).join(", ")}. Newest first.`} />
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
        <Field label="Search" htmlFor="q">
          <Input id="q" name="q" defaultValue={filter.q ?? ""} placeholder="reference or text" maxLength={200} />
        </Field>
        <Field label="Status" htmlFor="status">
          <Select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">Any</option>
            <option value="OPEN">Open (received or in review)</option>
            {Object.entries(REPORTER_STATUS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </Select>
        </Field>
        <Field label="Category" htmlFor="category">
          <Select id="category" name="category" defaultValue={filter.category ?? ""}>
            <option value="">Any</option>
            {Object.entries(CATEGORIES).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </Select>
        </Field>
        <Field label="Class" htmlFor="visibility">
          <Select id="visibility" name="visibility" defaultValue={filter.visibility ?? ""}>
            <option value="">Any</option>
            {classes.map((c) => <option key={c} value={c}>{VISIBILITY_CHOICES[c].label}</option>)}
          </Select>
        </Field>
        <Field label="Age" htmlFor="age">
          <Select id="age" name="age" defaultValue={filter.age ?? ""}>
            <option value="">Any</option>
            <option value="24h">Last 24 hours</option>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
            <option value="older">Older than 30 days</option>
          </Select>
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/triage" className={buttonClasses({ variant: "ghost" })}>Reset</Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No reports match" description="Nothing waiting here." />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>Reference</TH>
              <TH>Category</TH>
              <TH>From</TH>
              <TH>Class</TH>
              <TH>Urgency</TH>
              <TH>Status</TH>
              <TH>Received</TH>
              <TH>Case</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.id}>
                <TD>
                  <Link className="font-mono font-medium text-indigo-600 hover:underline dark:text-indigo-400" href={`/triage/${r.reference}`}>{r.reference}</Link>
                  <p className="max-w-72 truncate text-xs text-zinc-500 [unicode-bidi:isolate]" title={r.description.slice(0, 300)}>{r.description}</p>
                </TD>
                <TD>{CATEGORIES[r.category]}</TD>
                <TD className="max-w-40 truncate"><bdi>{r.reporter?.name ?? r.externalName ?? "External reporter"}</bdi></TD>
                <TD><ClassBadge visibility={r.visibility} /></TD>
                <TD><UrgencyBadge urgency={r.urgency} /></TD>
                <TD><StatusBadge status={r.status} /></TD>
                <TD className="whitespace-nowrap">{formatDateTime(r.createdAt)}</TD>
                <TD className="whitespace-nowrap text-xs">
                  {(() => {
                    const onCase = onCases.get(r.id);
                    if (onCase) {
                      return onCase.sealed ? (
                        "On a case"
                      ) : (
                        <Link href={`/cases/${onCase.reference}`} className="font-mono text-indigo-600 hover:underline dark:text-indigo-400">
                          {onCase.reference}
                        </Link>
                      );
                    }
                    return casesAllowed ? (
                      <Link href={`/cases/new?reports=${r.reference}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                        Open a case
                      </Link>
                    ) : (
                      "—"
                    );
                  })()}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={page} pageSize={pageSize} total={total} noun={["report", "reports"]} params={raw} />
    </>
  );
}
