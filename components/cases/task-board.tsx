"use client";
// The tasks tab: progress (required and all), the checklist with overdue tasks marked, and for each
// task complete/reopen, edit and assign, move, remove (a required one needs a reason) and
// comments. Every form sends the case version the page showed, so a stale page gets a conflict.
import { PersonOptions } from "@/components/cases/case-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useResetOnSuccess } from "@/components/cases/task-reset";
import { addTaskAction, applyTemplateAction, deleteTaskAction, reorderTasksAction, taskCommentAction, taskDoneAction, updateTaskAction } from "@/app/(app)/cases/[reference]/tasks/actions";

type Person = { id: string; name: string; email: string };
export type TaskView = {
  id: string;
  title: string;
  description: string | null;
  required: boolean;
  assignee: Person | null;
  dueAt: string | null;
  doneAt: string | null;
  doneBy: string | null;
  overdue: boolean;
  comments: { id: string; body: string; author: string; createdAt: string }[];
};
type Progress = { done: number; total: number; requiredDone: number; requiredTotal: number; overdue: number };
type Common = { reference: string; version: number; today: string; people: Person[] };

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function Hidden({ reference, version, taskId }: { reference: string; version: number; taskId?: string }) {
  return (
    <>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      {taskId ? <input type="hidden" name="taskId" value={taskId} /> : null}
    </>
  );
}

function ProgressBar({ label, done, total, testId }: { label: string; done: number; total: number; testId: string }) {
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="grid gap-1" data-testid={testId}>
      <div className="flex justify-between text-sm">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
        <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
          {done} of {total}
        </span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full rounded-full bg-indigo-600 transition-all dark:bg-indigo-500" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function TaskBoard({ tasks, progress, templates, ...common }: Common & { tasks: TaskView[]; progress: Progress; templates: { kind: string; name: string }[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] [&>*]:min-w-0">
      <div className="grid content-start gap-4 [&>*]:min-w-0">
        <Card>
          <CardContent className="grid gap-3 py-4 sm:grid-cols-2">
            <ProgressBar label="Required tasks done" done={progress.requiredDone} total={progress.requiredTotal} testId="progress-required" />
            <ProgressBar label="All tasks done" done={progress.done} total={progress.total} testId="progress-all" />
            {progress.overdue ? (
              <p className="text-sm font-medium text-red-700 sm:col-span-2 dark:text-red-400">
                {progress.overdue} {progress.overdue === 1 ? "task is" : "tasks are"} overdue.
              </p>
            ) : null}
          </CardContent>
        </Card>
        {tasks.length ? (
          <ol className="grid gap-3" aria-label="Tasks">
            {tasks.map((t, i) => (
              <TaskItem key={t.id} task={t} index={i} order={tasks.map((x) => x.id)} {...common} />
            ))}
          </ol>
        ) : (
          <EmptyState title="No tasks yet" description="Add a task, or apply a template's checklist." />
        )}
      </div>
      <div className="grid content-start gap-4 [&>*]:min-w-0">
        <AddTaskCard {...common} />
        <ApplyTemplateCard reference={common.reference} version={common.version} templates={templates} />
      </div>
    </div>
  );
}

function AddTaskCard({ reference, version, today, people }: Common) {
  const { state, onSubmit, pending } = useActionForm(addTaskAction);
  const formRef = useResetOnSuccess(state);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a task</CardTitle>
      </CardHeader>
      <CardContent className="pb-5">
        <form ref={formRef} onSubmit={onSubmit} className="grid gap-3" aria-label="Add a task">
          <FormStatus state={state} />
          <Hidden reference={reference} version={version} />
          <Field label="Title" htmlFor="task-title" error={fieldError(state, "title")}>
            <Input {...fieldControlProps("task-title", { error: fieldError(state, "title") })} name="title" required maxLength={300} />
          </Field>
          <Field label="Description" htmlFor="task-description" error={fieldError(state, "description")}>
            <Textarea {...fieldControlProps("task-description")} name="description" rows={2} maxLength={5000} />
          </Field>
          <Field label="Assignee" htmlFor="task-assignee" error={fieldError(state, "assignee")}>
            <Select {...fieldControlProps("task-assignee", { error: fieldError(state, "assignee") })} name="assignee" defaultValue="">
              <PersonOptions people={people} none="Nobody yet" />
            </Select>
          </Field>
          <Field label="Due date" htmlFor="task-due" error={fieldError(state, "dueAt")} hint="End of that day, UTC.">
            <Input {...fieldControlProps("task-due", { error: fieldError(state, "dueAt"), hint: true })} name="dueAt" type="date" min={today} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox name="required" /> Required before the case closes
          </label>
          <Button type="submit" disabled={pending}>
            Add task
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function ApplyTemplateCard({ reference, version, templates }: { reference: string; version: number; templates: { kind: string; name: string }[] }) {
  const { state, onSubmit, pending } = useActionForm(applyTemplateAction);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Apply a template</CardTitle>
      </CardHeader>
      <CardContent className="pb-5">
        <form onSubmit={onSubmit} className="grid gap-3">
          <FormStatus state={state} />
          <Hidden reference={reference} version={version} />
          <Field label="Template" htmlFor="apply-template" hint="Tasks the case already has (same title) are skipped." error={fieldError(state, "template")}>
            <Select {...fieldControlProps("apply-template", { hint: true })} name="template">
              {templates.map((t) => (
                <option key={t.kind} value={t.kind}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>
            Add its tasks
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function TaskItem({ task: t, index, order, reference, version, today, people }: Common & { task: TaskView; index: number; order: string[] }) {
  const done = useActionForm(taskDoneAction);
  const edit = useActionForm(updateTaskAction);
  const remove = useActionForm(deleteTaskAction);
  const move = useActionForm(reorderTasksAction);
  const comment = useActionForm(taskCommentAction);
  const commentRef = useResetOnSuccess(comment.state);
  const swapped = (to: number) => {
    const next = [...order];
    [next[index], next[to]] = [next[to]!, next[index]!];
    return next;
  };
  const id = (s: string) => `task-${t.id}-${s}`;
  const status = [done.state, edit.state, remove.state, move.state].find((s) => s.message);
  return (
    <li
      className={`rounded-lg border p-4 ${t.overdue ? "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30" : "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"}`}
      data-testid="task"
      aria-labelledby={id("title")}
    >
      <div className="flex flex-wrap items-start gap-3">
        <form onSubmit={done.onSubmit}>
          <Hidden reference={reference} version={version} taskId={t.id} />
          <input type="hidden" name="done" value={t.doneAt ? "false" : "true"} />
          <Button type="submit" size="sm" variant={t.doneAt ? "secondary" : "primary"} disabled={done.pending} aria-label={`${t.doneAt ? "Reopen" : "Mark done"}: ${t.title}`}>
            {t.doneAt ? "Reopen" : "Mark done"}
          </Button>
        </form>
        <div className="min-w-0 flex-1">
          <h3 id={id("title")} className={`break-words font-medium ${t.doneAt ? "text-zinc-500 line-through dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-50"}`}>
            {t.title}
          </h3>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            {t.required ? <Badge tone="info">Required</Badge> : <Badge>Optional</Badge>}
            {t.doneAt ? <Badge tone="success">Done</Badge> : null}
            {t.doneAt && t.doneBy ? <span className="min-w-0 break-all">by {t.doneBy}</span> : null}
            {t.overdue ? <Badge tone="danger">Overdue</Badge> : null}
            <span className="min-w-0 break-words">{t.assignee ? `Assigned to ${t.assignee.name}` : "Unassigned"}</span>
            {t.dueAt ? <span>· due {t.dueAt.slice(0, 10)}</span> : null}
          </div>
          {t.description ? <p className="mt-2 whitespace-pre-wrap break-words text-sm text-zinc-700 dark:text-zinc-300">{t.description}</p> : null}
        </div>
        {order.length > 1 ? (
          <form onSubmit={move.onSubmit} className="flex gap-1">
            <Hidden reference={reference} version={version} />
            {index > 0 ? (
              <Button type="submit" size="sm" variant="ghost" name="order" value={swapped(index - 1).join(",")} disabled={move.pending} aria-label={`Move up: ${t.title}`}>
                ↑
              </Button>
            ) : null}
            {index < order.length - 1 ? (
              <Button type="submit" size="sm" variant="ghost" name="order" value={swapped(index + 1).join(",")} disabled={move.pending} aria-label={`Move down: ${t.title}`}>
                ↓
              </Button>
            ) : null}
          </form>
        ) : null}
      </div>
      {status ? <div className="mt-3"><FormStatus state={status} /></div> : null}
      <details className="mt-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">Edit or remove</summary>
        <form onSubmit={edit.onSubmit} className="mt-3 grid gap-3 sm:grid-cols-2">
          <Hidden reference={reference} version={version} taskId={t.id} />
          <Field label="Title" htmlFor={id("edit-title")} error={fieldError(edit.state, "title")} className="sm:col-span-2">
            <Input {...fieldControlProps(id("edit-title"))} name="title" defaultValue={t.title} required maxLength={300} />
          </Field>
          <Field label="Description" htmlFor={id("edit-description")} className="sm:col-span-2">
            <Textarea {...fieldControlProps(id("edit-description"))} name="description" defaultValue={t.description ?? ""} rows={2} />
          </Field>
          <Field label="Assignee" htmlFor={id("edit-assignee")} error={fieldError(edit.state, "assignee")}>
            <Select {...fieldControlProps(id("edit-assignee"))} name="assignee" defaultValue={t.assignee?.id ?? ""}>
              <PersonOptions people={people} none="Nobody" />
            </Select>
          </Field>
          <Field label="Due date" htmlFor={id("edit-due")} error={fieldError(edit.state, "dueAt")}>
            <Input {...fieldControlProps(id("edit-due"))} name="dueAt" type="date" defaultValue={t.dueAt?.slice(0, 10) ?? ""} min={t.dueAt && t.dueAt.slice(0, 10) < today ? undefined : today} />
          </Field>
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <Checkbox name="required" defaultChecked={t.required} value="true" /> Required before the case closes
          </label>
          <div className="sm:col-span-2">
            <Button type="submit" variant="secondary" size="sm" disabled={edit.pending}>
              Save task
            </Button>
          </div>
        </form>
        <form onSubmit={remove.onSubmit} className="mt-4 grid gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <Hidden reference={reference} version={version} taskId={t.id} />
          {t.required ? (
            <Field label="Why remove a required task?" htmlFor={id("reason")} error={fieldError(remove.state, "reason")}>
              <Input {...fieldControlProps(id("reason"))} name="reason" maxLength={1000} />
            </Field>
          ) : null}
          <div>
            <Button type="submit" variant="danger" size="sm" disabled={remove.pending}>
              Remove task
            </Button>
          </div>
        </form>
      </details>
      <details className="mt-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" open={t.comments.length > 0}>
        <summary className="cursor-pointer text-sm font-medium">Comments ({t.comments.length})</summary>
        {t.comments.length ? (
          <ul className="mt-2 grid gap-2" aria-label={`Comments on ${t.title}`}>
            {t.comments.map((c) => (
              <li key={c.id} className="rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-950/50">
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  <span className="font-medium text-zinc-700 dark:text-zinc-300">{c.author}</span> · <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words">{c.body}</p>
              </li>
            ))}
          </ul>
        ) : null}
        <form ref={commentRef} onSubmit={comment.onSubmit} className="mt-2 grid gap-2">
          <FormStatus state={comment.state} />
          <Hidden reference={reference} version={version} taskId={t.id} />
          <Field label="Comment" htmlFor={id("comment")} error={fieldError(comment.state, "body")}>
            <Textarea {...fieldControlProps(id("comment"))} name="body" rows={2} maxLength={10_000} required />
          </Field>
          <div>
            <Button type="submit" size="sm" variant="secondary" disabled={comment.pending}>
              Add comment
            </Button>
          </div>
        </form>
      </details>
    </li>
  );
}
