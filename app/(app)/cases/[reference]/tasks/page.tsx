import type { Metadata } from "next";
import { TaskBoard } from "@/components/cases/task-board";
import { requirePermission } from "@/lib/auth/session";
import { mentionCandidates } from "@/lib/cases/comments";
import { caseHeadOrThrow, listTasks } from "@/lib/cases/tasks";
import { listCaseTemplates } from "@/lib/cases/templates-admin";
import { db } from "@/lib/db";
import { orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Case tasks" };

export default async function CaseTasksPage({ params }: { params: Promise<{ reference: string }> }) {
  const viewer = await requirePermission("cases.access");
  const { reference } = await params;
  const c = await orNotFoundPage(caseHeadOrThrow({ viewer, reference }));
  const [{ tasks, progress }, people, templates] = await Promise.all([listTasks({ viewer, reference: c.reference }), mentionCandidates(db, c.visibility), listCaseTemplates({ viewer })]);
  const now = new Date();
  return (
    <section aria-labelledby="tasks-heading" className="grid gap-4">
      <h2 id="tasks-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
        Tasks <span className="sr-only">of {c.reference}</span>
      </h2>
      <TaskBoard
        reference={c.reference}
        version={c.version}
        today={now.toISOString().slice(0, 10)}
        progress={progress}
        people={people.map((p) => ({ id: p.id, name: p.name, email: p.email }))}
        templates={templates.map((t) => ({ kind: t.kind, name: t.name }))}
        tasks={tasks.map((t) => ({
          id: t.id,
          title: t.title,
          description: t.description,
          required: t.required,
          assignee: t.assignee,
          dueAt: t.dueAt?.toISOString() ?? null,
          doneAt: t.doneAt?.toISOString() ?? null,
          doneBy: t.doneBy?.name ?? null,
          overdue: t.overdue,
          comments: t.comments.map((m) => ({ id: m.id, body: m.body, author: m.author?.name ?? "Someone", createdAt: m.createdAt.toISOString() })),
        }))}
      />
    </section>
  );
}
