import type { Metadata } from "next";
import { DisclosureApproveButton, DisclosureDecisionForm } from "@/components/cases/disclosure-decision-form";
import { DisclosureExportLinks } from "@/components/cases/disclosure-export-links";
import { ObligationCard } from "@/components/cases/obligation-card";
import { ObligationCreateForm } from "@/components/cases/obligation-create-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getCaseDisclosure } from "@/lib/cases/decide-disclosure";
import { mayHandleObligation } from "@/lib/cases/obligations-rules";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Disclosure" };

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function CaseDisclosurePage({ params }: { params: Promise<{ reference: string }> }) {
  const viewer = await requirePermission("cases.access");
  const { reference } = await params;
  const c = await orNotFoundPage(getCaseDisclosure({ viewer, reference: decodeURIComponent(reference) }));
  const open = c.status !== "CLOSED";
  const mayHandle = mayHandleObligation(viewer) && open;
  const isCoo = can(viewer, "disclosure.approve");
  const waiting = c.decidedAt && !c.approvedAt && c.needsApproval;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] [&>*]:min-w-0">
      <div className="grid content-start gap-4 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Disclosure decision for {c.reference}</CardTitle>
            <CardDescription>
              Whether to disclose and why. {c.visibility !== "STANDARD" ? "This case is sealed: the COO approves the decision." : "The COO approves a decision that tells the public."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 pb-5">
            {c.decidedAt ? (
              <div className="grid gap-2 text-sm" data-testid="disclosure-decision">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={c.disclose ? "warning" : "neutral"}>{c.disclose ? "Disclose" : "Do not disclose"}</Badge>
                  <span>
                    decided {utc(c.decidedAt)}
                    {c.decidedBy ? ` by ${c.decidedBy}` : ""}
                  </span>
                  {c.approvedAt ? (
                    <Badge tone="success">Approved {utc(c.approvedAt)}{c.approvedBy ? ` by ${c.approvedBy}` : ""}</Badge>
                  ) : waiting ? (
                    <Badge tone="warning">Waiting for the COO</Badge>
                  ) : null}
                </p>
                {c.disclosureRationale ? <p className="whitespace-pre-wrap break-words">{c.disclosureRationale}</p> : null}
                {waiting && isCoo && open ? <DisclosureApproveButton reference={c.reference} version={c.version} /> : null}
              </div>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No decision yet. A confirmed incident closes only once it is recorded.</p>
            )}
            {/* Always in the same place, so the form keeps its message when the decision lands. */}
            {mayHandle ? (
              <div className="grid gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
                <h3 className="text-sm font-semibold">{c.decidedAt ? "Change the decision" : "Record the decision"}</h3>
                <DisclosureDecisionForm reference={c.reference} version={c.version} disclose={c.disclose} rationale={c.disclosureRationale} decided={!!c.decidedAt} />
              </div>
            ) : null}
          </CardContent>
        </Card>
        <section aria-labelledby="obligations-heading" className="grid gap-3">
          <h2 id="obligations-heading" className="text-base font-semibold">
            Obligations <span className="text-sm font-normal text-zinc-500">deadlines from awareness, {utc(c.awareAt)}</span>
          </h2>
          {c.obligations.length ? (
            <ul className="grid gap-3">
              {c.obligations.map((o) => (
                <ObligationCard
                  key={o.id}
                  reference={c.reference}
                  version={c.version}
                  mayHandle={mayHandle}
                  o={{
                    id: o.id,
                    audience: o.audience,
                    preset: o.preset,
                    deadline: o.deadline.toISOString(),
                    status: o.status,
                    text: o.text,
                    approvedAt: o.approvedAt?.toISOString() ?? null,
                    approvedBy: o.approvedBy,
                    sentAt: o.sentAt?.toISOString() ?? null,
                    sentBy: o.sentBy,
                    needsCoo: o.needsCoo,
                    mayApprove: o.mayApprove && open,
                  }}
                />
              ))}
            </ul>
          ) : (
            <EmptyState title="No obligations" description={c.disclose ? "Add who must be told and by when." : "Obligations follow a decision to disclose."} />
          )}
          {mayHandle && c.disclose ? (
            <Card>
              <CardHeader>
                <CardTitle>Add an obligation</CardTitle>
              </CardHeader>
              <CardContent className="pb-5">
                {/* A fresh form after each new obligation, so it cannot be added twice by accident. */}
                <ObligationCreateForm key={c.obligations.length} reference={c.reference} version={c.version} />
              </CardContent>
            </Card>
          ) : null}
        </section>
      </div>
      <div className="grid content-start gap-4 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Case report</CardTitle>
            <CardDescription>For the postmortem and the disclosure file. Each export is on the audit trail.</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            <DisclosureExportLinks reference={c.reference} />
          </CardContent>
        </Card>
        {!open ? <Alert tone="info" title="Closed">This case is closed: its disclosure record no longer changes.</Alert> : null}
      </div>
    </div>
  );
}
