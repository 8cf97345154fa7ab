import type { Metadata } from "next";
import { ActivityAuditList } from "@/components/cases/activity-audit-list";
import { CommentForm } from "@/components/cases/comment-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { listCaseAudit, listCaseComments, listMentionable } from "@/lib/cases/comments";
import { caseHeadOrThrow } from "@/lib/cases/tasks";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Case activity" };

/** The comment with its mentions picked out. */
function Body({ text, names }: { text: string; names: Set<string> }) {
  const parts = text.split(/((?<![\w.@+-])@[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/g);
  return (
    <p className="mt-1 whitespace-pre-wrap break-words text-sm text-zinc-800 dark:text-zinc-200">
      {parts.map((p, i) =>
        p.startsWith("@") && names.has(p.slice(1).replace(/[._%+-]+$/, "").toLowerCase()) ? (
          <mark key={i} className="rounded bg-indigo-100 px-0.5 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
            {p}
          </mark>
        ) : (
          p
        ),
      )}
    </p>
  );
}

export default async function CaseActivityPage({ params }: { params: Promise<{ reference: string }> }) {
  const viewer = await requirePermission("cases.access");
  const { reference } = await params;
  const c = await orNotFoundPage(caseHeadOrThrow({ viewer, reference }));
  const [comments, audit, people] = await Promise.all([listCaseComments({ viewer, reference: c.reference }), listCaseAudit({ viewer, reference: c.reference }), listMentionable({ viewer, reference: c.reference })]);
  const handles = new Map<string, number>();
  for (const p of people) handles.set(p.handle, (handles.get(p.handle) ?? 0) + 1);
  return (
    <section aria-labelledby="activity-heading" className="grid gap-4">
      <h2 id="activity-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
        Activity <span className="sr-only">of {c.reference}</span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Comments</CardTitle>
            <CardDescription>Internal to the team; reporters never see them.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 pb-5">
            {comments.length ? (
              <ol className="grid gap-3" aria-label="Comments">
                {comments.map((m) => {
                  const names = new Set(m.mentioned.flatMap((u) => [u.email.toLowerCase(), u.email.slice(0, u.email.lastIndexOf("@")).toLowerCase()]));
                  return (
                    <li key={m.id} className="rounded-md bg-zinc-50 p-3 dark:bg-zinc-950/50" data-testid="comment">
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        <span className="font-medium text-zinc-700 dark:text-zinc-300">{m.author?.name ?? "Someone"}</span> ·{" "}
                        <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
                        {m.mentioned.length ? ` · mentions ${m.mentioned.map((u) => u.name).join(", ")}` : ""}
                      </p>
                      <Body text={m.body} names={names} />
                    </li>
                  );
                })}
              </ol>
            ) : (
              <EmptyState title="No comments yet" />
            )}
            <CommentForm reference={c.reference} people={people.map((p) => ({ id: p.id, name: p.name, email: p.email, handle: p.handle, unique: handles.get(p.handle) === 1 }))} />
          </CardContent>
        </Card>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Audit trail</CardTitle>
            <CardDescription>Every change to this case, from the hash-chained audit trail (latest {audit.length}).</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            <ActivityAuditList rows={audit.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))} />
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
