import type { Metadata } from "next";
import Link from "next/link";
import { ScheduleForm } from "@/components/reviews/review-controls";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { nextBoundary } from "@/lib/reviews/schedule";
import { getReviewSchedule } from "@/lib/reviews/settings";

export const metadata: Metadata = { title: "Log review schedule" };

export default async function ReviewSettingsPage() {
  const viewer = await requirePermission("logs.read");
  const schedule = await getReviewSchedule();
  const mayEdit = can(viewer, "cases.work");
  const next = nextBoundary(schedule, new Date());
  return (
    <>
      <PageHeader
        title="Log review schedule"
        description={`A review is created when each period ends, covering the time since the previous review. Next: ${next.toISOString().slice(0, 16).replace("T", " ")} UTC.`}
        actions={<Link href="/reviews" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">All reviews</Link>}
      />
      <Card>
        <CardHeader>
          <CardTitle>Schedule</CardTitle>
          <CardDescription>{mayEdit ? "Changes are on the audit trail and apply from the next period." : "Only the Security Review Team changes the schedule."}</CardDescription>
        </CardHeader>
        <CardContent>
          <ScheduleForm value={schedule} disabled={!mayEdit} />
        </CardContent>
      </Card>
    </>
  );
}
