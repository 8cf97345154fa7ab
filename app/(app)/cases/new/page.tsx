import type { Metadata } from "next";
import Link from "next/link";
import { formatInTimeZone } from "date-fns-tz";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { CaseClassBadge } from "@/components/cases/case-badges";
import { CaseNewForm } from "@/components/cases/case-new-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { VISIBILITIES, mayWorkCaseClass } from "@/lib/auth/visibility";
import { caseDraftFrom, listCasePeople, listCaseTemplatesForPicker } from "@/lib/cases/list-cases";
import { createCaseAction } from "../actions";

export const metadata: Metadata = { title: "New case" };

const values = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean);

export default async function NewCasePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("cases.access");
  const params = await searchParams;
  const [draft, templates, people] = await Promise.all([
    caseDraftFrom({ viewer, alertIds: values(params.alerts), reports: values(params.reports ?? params.report) }),
    listCaseTemplatesForPicker({ viewer }),
    listCasePeople({ viewer }),
  ]);
  // The classes offered start at the strictest linked report's (the case is never looser) and
  // stop at what the viewer may work.
  const classes = VISIBILITIES.filter((v) => VISIBILITIES.indexOf(v) >= VISIBILITIES.indexOf(draft.visibility) && mayWorkCaseClass(viewer, v));
  const fromSomething = draft.alerts.length > 0 || draft.reports.length > 0;
  return (
    <>
      <PageHeader title="New case" description={fromSomething ? "Opened from the alerts and reports below: they are linked when the case is created." : "Start a case from scratch; link alerts and reports to it later."} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardContent className="pt-6">
            <CaseNewForm
              action={createCaseAction}
              draft={{
                title: draft.title,
                severity: draft.severity,
                visibility: classes[0] ?? draft.visibility,
                awareAtLocal: draft.awareAt ? formatInTimeZone(draft.awareAt, "UTC", "yyyy-MM-dd'T'HH:mm") : "",
                alertIds: draft.alerts.map((a) => a.id),
                reports: draft.reports.map((r) => r.reference),
              }}
              classes={classes}
              templates={templates}
              people={people}
            />
          </CardContent>
        </Card>
        <div className="flex flex-col gap-4">
          {draft.missing.length ? (
            <Alert tone="warning" title="Left out">
              No such alert or report: {draft.missing.join(", ")}.
            </Alert>
          ) : null}
          {draft.alerts.length ? (
            <Card>
              <CardHeader>
                <CardTitle>Alerts to link ({draft.alerts.length})</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col gap-2 text-sm" data-testid="draft-alerts">
                  {draft.alerts.map((a) => (
                    <li key={a.id} className="flex items-start gap-2">
                      <SeverityBadge severity={a.severity} />
                      <Link href={`/alerts/${a.id}`} className="break-words hover:underline">
                        #{a.id} {a.title}
                      </Link>
                      {a.onCase ? <span className="text-xs text-amber-700 dark:text-amber-300">already on a case</span> : null}
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}
          {draft.reports.length ? (
            <Card>
              <CardHeader>
                <CardTitle>Reports to link</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col gap-2 text-sm" data-testid="draft-reports">
                  {draft.reports.map((r) => (
                    <li key={r.reference} className="flex items-center gap-2">
                      <Link href={`/triage/${r.reference}`} className="font-mono hover:underline">
                        {r.reference}
                      </Link>
                      <CaseClassBadge visibility={r.visibility} />
                      {r.onCase ? <span className="text-xs text-amber-700 dark:text-amber-300">already on a case</span> : null}
                    </li>
                  ))}
                </ul>
                <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">The reporter keeps seeing only their report&apos;s status and the messages addressed to them.</p>
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
