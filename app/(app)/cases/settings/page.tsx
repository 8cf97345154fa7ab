import type { Metadata } from "next";
import { CaseSlaForm } from "@/components/cases/case-sla-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { DEFAULT_SLA_HOURS } from "@/lib/cases/deadlines";
import { getSlaHours, MAX_SLA_HOURS } from "@/lib/cases/sla";
import { updateSlaAction } from "../actions";

export const metadata: Metadata = { title: "Case SLA" };

export default async function CaseSettingsPage() {
  await requirePermission("cases.work");
  const hours = await getSlaHours();
  return (
    <>
      <PageHeader title="Case SLA" description="How long the team has to resolve a case of each severity, counted from the time it became aware." />
      <Card>
        <CardHeader>
          <CardTitle>Hours to resolve, per severity</CardTitle>
          <CardDescription>
            A new case and a case whose severity changes take their due date from here; existing due dates stay. An open case past its due date is shown first and in red, and its lead and members
            (or the security team) are notified once; a COO-only case notifies the COO alone, and a sealed case is announced in Slack by reference and link only.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CaseSlaForm action={updateSlaAction} hours={hours} defaults={DEFAULT_SLA_HOURS} max={MAX_SLA_HOURS} />
        </CardContent>
      </Card>
    </>
  );
}
