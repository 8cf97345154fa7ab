// Every section of a case under one header: reference, title, status, severity, class, lead, the
// SLA countdown and, for a merged case, where it went. A case the viewer may not see is a 404.
import type { ReactNode } from "react";
import Link from "next/link";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { CaseClassBadge, CaseDueBadge, CaseStatusBadge } from "@/components/cases/case-badges";
import { CaseTabNav } from "@/components/cases/case-tab-nav";
import { can } from "@/lib/auth/permissions";
import { DisclosureExportLinks } from "@/components/cases/disclosure-export-links";
import { Alert } from "@/components/ui/alert";
import { requirePermission } from "@/lib/auth/session";
import { caseHref } from "@/lib/cases/case-tabs";
import { getCaseHeader } from "@/lib/cases/get-case";
import { OUTCOME_LABELS } from "@/lib/cases/status";
import { orNotFoundPage } from "@/lib/page-helpers";
import { cn } from "@/lib/cn";

/** The route segment as typed; a malformed escape is just a reference that does not exist. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function CaseLayout({ children, params }: { children: ReactNode; params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requirePermission("cases.access");
  const c = await orNotFoundPage(getCaseHeader({ viewer, reference: safeDecode(reference) }));
  return (
    <>
      <header className={cn("mb-4 rounded-md border p-4", c.due?.overdue ? "border-red-300 bg-red-50/60 dark:border-red-500/40 dark:bg-red-500/10" : "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900")}>
        <p className="font-mono text-sm text-zinc-500 dark:text-zinc-400">
          <Link href="/cases" className="hover:underline">
            Cases
          </Link>{" "}
          / {c.reference}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-zinc-900 [unicode-bidi:isolate] dark:text-zinc-50">{c.title}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <CaseStatusBadge status={c.status} />
          {c.outcome ? <span className="text-zinc-600 dark:text-zinc-400">{OUTCOME_LABELS[c.outcome]}</span> : null}
          <SeverityBadge severity={c.severity} />
          <CaseClassBadge visibility={c.visibility} />
          <CaseDueBadge due={c.due} />
          <span className="text-zinc-600 dark:text-zinc-400">Lead: {c.lead ? c.lead.name || c.lead.email : "nobody yet"}</span>
        </div>
        <div className="mt-3">
          <DisclosureExportLinks reference={c.reference} testIds={false} />
        </div>
      </header>
      {c.mergedInto ? (
        <Alert tone="info" title="Merged" className="mb-4">
          This case was merged into{" "}
          {c.mergedInto === "another case" ? (
            "another case"
          ) : (
            <Link href={caseHref(c.mergedInto)} className="font-medium underline">
              {c.mergedInto}
            </Link>
          )}
          . Work continues there.
        </Alert>
      ) : null}
      <CaseTabNav reference={c.reference} hide={can(viewer, "logs.read") ? [] : ["coverage"]} />
      {children}
    </>
  );
}
