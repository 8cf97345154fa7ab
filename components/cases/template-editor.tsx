"use client";
// The template editor: name, description and the checklist (title, description, required), with
// items added, removed and moved. The list is sent as JSON; the server checks it again.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import type { ActionState } from "@/lib/actions/types";

type Item = { key: number; title: string; description: string; required: boolean };
export type TemplateDraft = { kind?: string; updatedAt?: string; name: string; description: string; tasks: { title: string; description?: string; required: boolean }[] };

const MAX = 100;

export function TemplateEditor({ template, action, submitLabel }: { template: TemplateDraft; action: (prev: ActionState, form: FormData) => Promise<ActionState>; submitLabel: string }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const [items, setItems] = useState<Item[]>(() => template.tasks.map((t, i) => ({ key: i, title: t.title, description: t.description ?? "", required: t.required })));
  const [next, setNext] = useState(template.tasks.length);
  const updatedAt = state.result?.updatedAt ?? template.updatedAt;
  const set = (key: number, patch: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const move = (index: number, by: number) =>
    setItems((all) => {
      const copy = [...all];
      const [it] = copy.splice(index, 1);
      copy.splice(index + by, 0, it!);
      return copy;
    });
  const taskError = (i: number) => fieldError(state, `tasks.${i}.title`);

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Edit template">
      <FormStatus state={state} successTitle="Saved" />
      {template.kind ? <input type="hidden" name="kind" value={template.kind} /> : null}
      {updatedAt ? <input type="hidden" name="updatedAt" value={updatedAt} /> : null}
      <input type="hidden" name="tasks" value={JSON.stringify(items.map((i) => ({ title: i.title, ...(i.description.trim() ? { description: i.description } : {}), required: i.required })))} />
      <Card>
        <CardContent className="grid gap-3 py-4">
          <Field label="Name" htmlFor="template-name" error={fieldError(state, "name")}>
            <Input {...fieldControlProps("template-name", { error: fieldError(state, "name") })} name="name" defaultValue={template.name} required maxLength={200} />
          </Field>
          <Field label="Description" htmlFor="template-description" error={fieldError(state, "description")}>
            <Textarea {...fieldControlProps("template-description")} name="description" defaultValue={template.description} rows={2} maxLength={5000} />
          </Field>
        </CardContent>
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
          Checklist <span className="text-sm font-normal text-zinc-500">({items.length} of at most {MAX}; {items.filter((i) => i.required).length} required)</span>
        </h2>
        {fieldError(state, "tasks") ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{fieldError(state, "tasks")}</p> : null}
      </div>
      <ol className="grid gap-3" aria-label="Checklist">
        {items.map((item, index) => (
          <li key={item.key} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900" data-testid="template-item">
            <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto]">
              <Field label={`Task ${index + 1}`} htmlFor={`item-${item.key}-title`} error={taskError(index)}>
                <Input {...fieldControlProps(`item-${item.key}-title`, { error: taskError(index) })} value={item.title} onChange={(e) => set(item.key, { title: e.target.value })} required maxLength={300} />
              </Field>
              <div className="flex flex-wrap items-end gap-1">
                <Button type="button" size="sm" variant="ghost" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move task ${index + 1} up`}>
                  ↑
                </Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => move(index, 1)} disabled={index === items.length - 1} aria-label={`Move task ${index + 1} down`}>
                  ↓
                </Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))} aria-label={`Remove task ${index + 1}`}>
                  Remove
                </Button>
              </div>
              <Field label="Description" htmlFor={`item-${item.key}-description`} className="sm:col-span-2">
                <Textarea {...fieldControlProps(`item-${item.key}-description`)} value={item.description} onChange={(e) => set(item.key, { description: e.target.value })} rows={2} maxLength={5000} />
              </Field>
              <label className="flex items-center gap-2 text-sm sm:col-span-2">
                <Checkbox checked={item.required} onChange={(e) => set(item.key, { required: e.target.checked })} /> Required before a confirmed incident closes
              </label>
            </div>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={items.length >= MAX}
          onClick={() => {
            setItems((all) => [...all, { key: next, title: "", description: "", required: false }]);
            setNext((n) => n + 1);
          }}
        >
          Add a task
        </Button>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
