import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { Countdown } from "@/components/cases/countdown";
import { DisclosureApproveButton } from "@/components/cases/disclosure-decision-form";
import { ObligationStatusBadge } from "@/components/cases/obligation-card";
import { ReviewApproveObligation } from "@/components/cases/review-approve-obligation";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { AUDIENCE_LABELS } from "@/lib/cases/obligations-rules";
import { getReviewQueue } from "@/lib/cases/review";
import { OUTCOME_LABELS, STATUS_LABELS } from "@/lib/cases/status";

export const metadata: Metadata = { title: "COO review" };
export const dynamic = "force-dynamic";

const link = "font-mono text-sm text-indigo-600 hover:underline dark:text-indigo-400";
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function CaseLink({ reference, segment }: { reference: string; segment?: "disclosure" }) {
  return <Link href={caseHref(reference, segment)} className={link}>{reference}</Link>;
}

/** One part of the queue: its heading, then the list, or what it would hold when empty. */
function QueueSection({ id, title, empty, emptyTitle, emptyDescription, children }: { id: string; title: string; empty: boolean; emptyTitle: string; emptyDescription: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="grid gap-3">
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h2>
      {empty ? <EmptyState title={emptyTitle} description={emptyDescription} /> : children}
    </section>
  );
}

export default async function ReviewPage() {
  const viewer = await requirePermission("disclosure.approve");
  const q = await getReviewQueue({ viewer });
  const waiting = q.decisions.length + q.obligations.length;
  return (
    <>
      <PageHeader title="COO review" description={waiting ? `${waiting} ${waiting === 1 ? "item waits" : "items wait"} for your approval.` : "Nothing waits for your approval."} />
      <div className="grid gap-6 [&>*]:min-w-0">
        <QueueSection id="decisions" title="Disclosure decisions to approve" empty={q.decisions.length === 0} emptyTitle="No decisions waiting" emptyDescription="Decisions on sealed cases and public disclosures appear here when recorded.">
          <ul className="grid gap-3 lg:grid-cols-2">
            {q.decisions.map((d) => (
              <li key={d.id} className="min-w-0" data-testid="review-decision">
                <Card className="h-full">
                  <CardHeader>
                    <CardTitle className="flex flex-wrap items-center gap-2">
                      <CaseLink reference={d.reference} segment="disclosure" />
                      <SeverityBadge severity={d.severity} />
                      <Badge>{d.visibility}</Badge>
                    </CardTitle>
                    <CardDescription className="break-words">{d.title}</CardDescription>
                  </CardHeader>
                  <CardContent className="grid gap-3 pb-5 text-sm">
                    <p>
                      <Badge tone={d.disclose ? "warning" : "neutral"}>{d.disclose ? "Disclose" : "Do not disclose"}</Badge>{" "}
                      {d.disclose && d.obligations.length ? `to ${[...new Set(d.obligations.map((o) => AUDIENCE_LABELS[o.audience].toLowerCase()))].join(", ")} ` : ""}
                      · decided {d.decidedAt ? utc(d.decidedAt) : ""}
                      {d.decidedBy ? ` by ${d.decidedBy}` : ""}
                    </p>
                    <blockquote className="whitespace-pre-wrap break-words border-l-2 border-zinc-300 pl-3 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">{d.disclosureRationale}</blockquote>
                    <DisclosureApproveButton reference={d.reference} version={d.version} />
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        </QueueSection>

        <QueueSection id="obligations" title="Obligations to approve" empty={q.obligations.length === 0} emptyTitle="No obligations waiting" emptyDescription="Draft obligations on sealed cases and to the public appear here.">
          <ul className="grid gap-3 lg:grid-cols-2">
            {q.obligations.map((o) => (
              <li key={o.id} className="min-w-0" data-testid="review-obligation">
                <Card className="h-full">
                  <CardHeader>
                    <CardTitle className="flex flex-wrap items-center gap-2">
                      <CaseLink reference={o.case.reference} segment="disclosure" />
                      <span>{AUDIENCE_LABELS[o.audience]}</span>
                      <Countdown deadline={o.deadline.toISOString()} />
                    </CardTitle>
                    <CardDescription className="break-words">{o.case.title} · due {utc(o.deadline)}</CardDescription>
                  </CardHeader>
                  <CardContent className="grid gap-3 pb-5 text-sm">
                    {o.text ? <p className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-md bg-zinc-50 p-2 dark:bg-zinc-900">{o.text}</p> : <p className="text-zinc-500">The text is not written yet: it can be approved once it is.</p>}
                    <ReviewApproveObligation reference={o.case.reference} version={o.case.version} obligationId={o.id} hasText={!!o.text?.trim()} />
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        </QueueSection>

        <QueueSection id="deadlines" title="Disclosure deadlines, most urgent first" empty={q.deadlines.length === 0} emptyTitle="No open deadlines" emptyDescription="Every disclosure obligation has been sent.">
          <Table aria-labelledby="deadlines-heading">
            <THead>
              <TR>
                <TH>Due</TH>
                <TH>Case</TH>
                <TH>Audience</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {q.deadlines.map((o) => (
                <TR key={o.id} data-testid="review-deadline">
                  <TD>
                    <Countdown deadline={o.deadline.toISOString()} />
                    <div className="text-xs text-zinc-500">{utc(o.deadline)}</div>
                  </TD>
                  <TD>
                    <CaseLink reference={o.case.reference} segment="disclosure" />
                    <div className="max-w-xs truncate text-xs text-zinc-500">{o.case.title}</div>
                  </TD>
                  <TD>{AUDIENCE_LABELS[o.audience]}</TD>
                  <TD><ObligationStatusBadge status={o.status} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </QueueSection>

        <QueueSection id="sealed" title="Sealed cases" empty={q.sealed.length === 0} emptyTitle="No sealed cases" emptyDescription="Sensitive and COO-only cases appear here.">
          <Table aria-labelledby="sealed-heading">
            <THead>
              <TR>
                <TH>Case</TH>
                <TH>Severity</TH>
                <TH>Status</TH>
                <TH className="hidden sm:table-cell">Class</TH>
                <TH className="hidden sm:table-cell">Open obligations</TH>
              </TR>
            </THead>
            <TBody>
              {q.sealed.map((c) => (
                <TR key={c.id} data-testid="review-sealed">
                  <TD>
                    <CaseLink reference={c.reference} />
                    <div className="max-w-xs truncate text-xs text-zinc-500">{c.title}</div>
                  </TD>
                  <TD><SeverityBadge severity={c.severity} /></TD>
                  <TD>
                    {STATUS_LABELS[c.status]}
                    <div className="text-xs text-zinc-500 sm:hidden">{c.visibility === "COO_ONLY" ? "COO only" : "Sensitive"}</div>
                    {c.outcome ? <div className="text-xs text-zinc-500">{OUTCOME_LABELS[c.outcome]}</div> : null}
                  </TD>
                  <TD className="hidden sm:table-cell"><Badge tone={c.visibility === "COO_ONLY" ? "danger" : "warning"}>{c.visibility === "COO_ONLY" ? "COO only" : "Sensitive"}</Badge></TD>
                  <TD className="hidden sm:table-cell">{c._count.obligations || ""}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </QueueSection>
      </div>
    </>
  );
}
