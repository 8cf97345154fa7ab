import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Pager } from "@/components/pager";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listAudit, listAuditActions, ZAuditFilter } from "@/lib/audit/list-audit";
import { requirePermission } from "@/lib/auth/session";
import { firstValues } from "@/lib/page-helpers";
import { formatDateTimeSeconds } from "@/lib/format";

export const metadata: Metadata = { title: "Audit trail" };

const TONES: Record<string, "danger" | "warning" | "info" | "neutral"> = {
  "auth.account_locked": "danger",
  "auth.sign_in_failed": "warning",
  "auth.sign_in_blocked": "warning",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("audit.view");
  const raw = firstValues(await searchParams);
  const parsed = ZAuditFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : ZAuditFilter.parse({});
  const [{ rows, total, page, pageSize }, actions] = await Promise.all([listAudit({ viewer, filter }), listAuditActions(viewer)]);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, sign-in, failure and lockout, newest first. Each record is hash-chained to the one before; `npm run countersign -- audit verify` proves nothing was altered."
      />
      {!parsed.success ? <Alert tone="warning" title="Some filters were not understood and were ignored" className="mb-4" /> : null}
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <Field label="Action" htmlFor="f-action">
          <Select id="f-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">All actions</option>
            <option value="auth.">All sign-in events</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Actor" htmlFor="f-actor">
          <Input id="f-actor" name="actor" defaultValue={filter.actor ?? ""} placeholder="email" maxLength={320} />
        </Field>
        <Field label="From" htmlFor="f-from">
          <Input id="f-from" name="from" type="date" defaultValue={raw.from ?? ""} />
        </Field>
        <Field label="To" htmlFor="f-to">
          <Input id="f-to" name="to" type="date" defaultValue={raw.to ?? ""} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/admin/audit" className={buttonClasses({ variant: "ghost" })}>
            Reset
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No records match" description="Try a wider time range or another action." />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>#</TH>
              <TH>Time</TH>
              <TH>Actor</TH>
              <TH>Action</TH>
              <TH>Target</TH>
              <TH>IP</TH>
              <TH>Details</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.seq}>
                <TD className="font-mono text-xs text-zinc-500">{r.seq}</TD>
                <TD className="whitespace-nowrap text-xs">{formatDateTimeSeconds(r.createdAt)}</TD>
                <TD className="max-w-48 truncate" title={r.actorLabel}>
                  {r.actorLabel}
                </TD>
                <TD>
                  <Badge tone={TONES[r.action] ?? "neutral"}>{r.action}</Badge>
                </TD>
                <TD className="text-xs">
                  {r.targetType}
                  {r.targetId ? <span className="block font-mono text-zinc-500">{r.targetId}</span> : null}
                </TD>
                <TD className="font-mono text-xs">{r.ip ?? ""}</TD>
                <TD>
                  {r.before || r.after ? (
                    <details>
                      <summary className="cursor-pointer text-xs text-indigo-600 dark:text-indigo-400">show</summary>
                      <pre className="mt-2 max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
                        {JSON.stringify({ before: r.before, after: r.after }, null, 2)}
                      </pre>
                    </details>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={page} pageSize={pageSize} total={total} noun={["record", "records"]} params={raw} />
    </>
  );
}
