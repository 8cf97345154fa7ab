import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { listReviews } from "@/lib/reviews/reviews";
import { nextBoundary } from "@/lib/reviews/schedule";
import { getReviewSchedule } from "@/lib/reviews/settings";

export const metadata: Metadata = { title: "Log review" };

const link = "text-indigo-600 hover:underline dark:text-indigo-400";
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function ReviewsPage() {
  const viewer = await requirePermission("logs.read");
  const now = new Date();
  const [{ reviews, total }, schedule] = await Promise.all([listReviews({ viewer, input: { pageSize: 200 }, now }), getReviewSchedule()]);
  const next = nextBoundary(schedule, now);
  return (
    <>
      <PageHeader
        title="Log review"
        description={`The Security Review Team checks the logs ${schedule.frequency === "daily" ? "every day" : "every week"}; the next review is created ${when(next)}.`}
        actions={<Link href="/reviews/settings" className={buttonClasses({ variant: "secondary" })}>Schedule</Link>}
      />
      {reviews.length === 0 ? (
        <EmptyState title="No reviews yet" description="The first review is created when the current period ends." />
      ) : (
        <Card>
          <CardContent className="p-0">
            <Table>
              <THead>
                <TR>
                  <TH>Period</TH>
                  <TH>Status</TH>
                  <TH>Checklist</TH>
                  <TH>Due / signed off</TH>
                </TR>
              </THead>
              <TBody>
                {reviews.map((r) => (
                  <TR key={r.id} className={r.overdue ? "bg-red-50 dark:bg-red-950/30" : undefined}>
                    <TD>
                      <Link href={`/reviews/${r.id}`} className={link}>
                        {when(r.periodStart)} – {when(r.periodEnd)}
                      </Link>
                    </TD>
                    <TD>
                      {r.status === "SIGNED_OFF" ? <Badge tone="success">Signed off</Badge> : r.overdue ? <Badge tone="danger">Overdue</Badge> : <Badge tone="info">Open</Badge>}
                    </TD>
                    <TD>
                      {r.itemsChecked} of {r.itemsTotal}
                    </TD>
                    <TD>{r.status === "SIGNED_OFF" ? `${r.signedOffByLabel ?? "—"}, ${r.signedOffAt ? when(r.signedOffAt) : ""}` : `due ${when(r.dueAt)}`}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
      )}
      {total > reviews.length ? <p className="text-sm text-zinc-600 dark:text-zinc-400">The latest {reviews.length} of {total}; older ones through the API (GET /api/v1/reviews?page=2).</p> : null}
    </>
  );
}
