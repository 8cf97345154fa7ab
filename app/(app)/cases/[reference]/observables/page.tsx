import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { ObservableAddForm, ObservableRemoveButton } from "@/components/cases/observable-forms";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { listObservables } from "@/lib/cases/observables";
import { caseHeadOrThrow } from "@/lib/cases/tasks";
import type { Severity } from "@/lib/generated/prisma/enums";
import { firstValues, orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Case observables" };

const link = "text-indigo-600 hover:underline dark:text-indigo-400";

export default async function CaseObservablesPage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("cases.access");
  const { reference } = await params;
  const { q } = firstValues(await searchParams);
  const c = await orNotFoundPage(caseHeadOrThrow({ viewer, reference }));
  const { groups, total, shown } = await listObservables({ viewer, reference: c.reference, q });
  const showAlerts = can(viewer, "alerts.read");
  return (
    <section aria-labelledby="observables-heading" className="grid gap-4">
      <h2 id="observables-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
        Observables <span className="sr-only">of {c.reference}</span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] [&>*]:min-w-0">
        <div className="grid content-start gap-4 [&>*]:min-w-0">
          <form method="get" className="flex flex-wrap items-end gap-2" role="search">
            <div className="min-w-0 flex-1 space-y-1.5">
              <Label htmlFor="observable-q">Search values</Label>
              <Input id="observable-q" name="q" type="search" defaultValue={q ?? ""} maxLength={200} placeholder="100.64., example.com, nAbc…" />
            </div>
            <Button type="submit" variant="secondary">
              Search
            </Button>
            {q ? (
              <Link href={caseHref(c.reference, "observables")} className={`text-sm ${link} self-center`}>
                Clear
              </Link>
            ) : null}
          </form>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{q ? `${shown} of ${total} observables match “${q}”.` : `${total} ${total === 1 ? "observable" : "observables"}, from linked alerts and added by hand.`}</p>
          {groups.length ? (
            groups.map((g) => (
              <Card key={g.type}>
                <CardHeader>
                  <CardTitle>
                    {g.label} <span className="text-sm font-normal text-zinc-500">({g.items.length})</span>
                  </CardTitle>
                </CardHeader>
                <CardContent className="pb-4">
                  <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label={g.label}>
                    {g.items.map((o) => (
                      <li key={o.id} className="grid gap-2 py-3" data-testid="observable">
                        <div className="flex flex-wrap items-center gap-2">
                          <code className="min-w-0 break-all font-mono text-sm text-zinc-900 dark:text-zinc-100">{o.value}</code>
                          {o.source === "manual" ? (
                            <Badge>by hand</Badge>
                          ) : o.source.startsWith("alert:") && showAlerts ? (
                            <Link href={`/alerts/${o.source.slice(6)}`} className="text-xs">
                              <Badge tone="info">from alert #{o.source.slice(6)}</Badge>
                            </Link>
                          ) : (
                            <Badge tone="info">from an alert</Badge>
                          )}
                          <span className="ml-auto">
                            <ObservableRemoveButton reference={c.reference} id={o.id} label={`${g.label} ${o.value}`} />
                          </span>
                        </div>
                        {o.otherCases.length || o.alerts.length ? (
                          <div className="grid gap-1 text-sm">
                            {o.otherCases.length ? (
                              <p className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="other-cases">
                                <span className="text-zinc-600 dark:text-zinc-400">Also in</span>
                                {o.otherCases.map((oc) => (
                                  <Link key={oc.reference} href={caseHref(oc.reference, "observables")} className={link} title={oc.title}>
                                    {oc.reference}
                                  </Link>
                                ))}
                              </p>
                            ) : null}
                            {o.alerts.length ? (
                              <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                                <span className="text-zinc-600 dark:text-zinc-400">Alerts</span>
                                {o.alerts.map((a) => (
                                  <Link key={a.id} href={`/alerts/${a.id}`} className={`${link} inline-flex items-center gap-1`} title={a.title}>
                                    <SeverityBadge severity={a.severity as Severity} />#{a.id}
                                  </Link>
                                ))}
                              </p>
                            ) : null}
                          </div>
                        ) : (
                          <p className="text-xs text-zinc-500 dark:text-zinc-400">Not seen in any other case or alert you can see.</p>
                        )}
                      </li>
                    ))}
                  </ul>
                </CardContent>
              </Card>
            ))
          ) : (
            <EmptyState title={q ? "Nothing matches" : "No observables yet"} description={q ? "Try part of the value." : "Link alerts to extract them, or add one by hand."} />
          )}
        </div>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Add by hand</CardTitle>
            <CardDescription>An address, device, login, key id, domain, hash or URL.</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            <ObservableAddForm reference={c.reference} />
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
