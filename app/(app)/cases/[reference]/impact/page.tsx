import type { Metadata } from "next";
import { ImpactForm } from "@/components/cases/impact-form";
import { ImpactSummary } from "@/components/cases/impact-summary";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getCaseImpact } from "@/lib/cases/record-impact";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Impact" };

export default async function CaseImpactPage({ params }: { params: Promise<{ reference: string }> }) {
  const viewer = await requirePermission("cases.access");
  const { reference } = await params;
  const c = await orNotFoundPage(getCaseImpact({ viewer, reference: decodeURIComponent(reference) }));
  const mayEdit = (can(viewer, "cases.work") || can(viewer, "disclosure.approve")) && c.status !== "CLOSED";
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] [&>*]:min-w-0">
      <Card>
        <CardHeader>
          <CardTitle>Impact of {c.reference}</CardTitle>
          <CardDescription>
            What the incident affected. A confirmed incident closes only once its impact is determined.
          </CardDescription>
        </CardHeader>
        <CardContent className="pb-5">
          {mayEdit ? (
            <ImpactForm
              reference={c.reference}
              version={c.version}
              initial={{
                confidentiality: c.confidentiality,
                integrity: c.integrity,
                availability: c.availability,
                affectedSystems: c.affectedSystems,
                affectedDevices: c.affectedDevices,
                dataTypes: c.dataTypes,
                customersAffected: c.customersAffected,
                peopleAffected: c.peopleAffected,
                impactSummary: c.impactSummary,
              }}
              deviceSuggestions={c.deviceSuggestions}
            />
          ) : (
            <ImpactSummary impact={c} />
          )}
        </CardContent>
      </Card>
      <Card className="content-start self-start">
        <CardHeader>
          <CardTitle>Determined</CardTitle>
        </CardHeader>
        <CardContent className="pb-5 text-sm">
          {c.impactDeterminedAt ? (
            <p data-testid="impact-determined">
              {c.impactDeterminedBy ?? "Someone"} on <time dateTime={c.impactDeterminedAt.toISOString()}>{c.impactDeterminedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
            </p>
          ) : (
            <p className="text-zinc-600 dark:text-zinc-400">Not determined yet.</p>
          )}
          {mayEdit && c.impactDeterminedAt ? <div className="mt-4"><ImpactSummary impact={c} compact /></div> : null}
        </CardContent>
      </Card>
    </div>
  );
}
