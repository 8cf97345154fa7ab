import type { Metadata } from "next";
import Link from "next/link";
import { ClassBadge, StatusBadge } from "@/components/reports/report-badges";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { CATEGORIES } from "@/lib/reports/catalog";
import { listMyReports } from "@/lib/reports/reporter-view";

export const metadata: Metadata = { title: "My reports" };

export default async function MyReportsPage() {
  const viewer = await requireViewer();
  const reports = await listMyReports({ viewer });
  return (
    <>
      <PageHeader
        title="My reports"
        description="What you reported and where it stands. Only you and the people allowed to triage each report can see it."
        actions={<Link href="/report" className={buttonClasses({})}>Report something</Link>}
      />
      {reports.length === 0 ? (
        <EmptyState title="Nothing reported yet" description="If you see something, say something." />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>Reference</TH>
              <TH>Category</TH>
              <TH>Who may read it</TH>
              <TH>Status</TH>
              <TH>Filed</TH>
              <TH>Last change</TH>
            </TR>
          </THead>
          <TBody>
            {reports.map((r) => (
              <TR key={r.id}>
                <TD>
                  <Link className="font-mono font-medium text-indigo-600 hover:underline dark:text-indigo-400" href={`/reports/${r.reference}`}>
                    {r.reference}
                  </Link>
                  {r._count.messages ? <Badge tone="info" className="ml-2">{r._count.messages} message{r._count.messages === 1 ? "" : "s"}</Badge> : null}
                </TD>
                <TD>{CATEGORIES[r.category]}</TD>
                <TD><ClassBadge visibility={r.visibility} /></TD>
                <TD><StatusBadge status={r.status} /></TD>
                <TD className="whitespace-nowrap">{formatDateTime(r.createdAt)}</TD>
                <TD className="whitespace-nowrap">{formatDateTime(r.updatedAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
