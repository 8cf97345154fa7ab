"use client";
// Edits a case at the version the page showed (hidden field). When someone else changed the case
// in between, the server refuses and says so; the form keeps what the person typed, to copy or
// to save again after reloading.
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionState } from "@/lib/actions/types";
import type { Severity } from "@/lib/detections/severity";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { ClassOptions, SeverityOptions, PersonOptions } from "./case-badges";

type Person = { id: string; name: string; email: string };
type Props = {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  c: { reference: string; version: number; title: string; summary: string; severity: Severity; visibility: Visibility; leadId: string | null; memberIds: string[] };
  classes: Visibility[];
  people: Person[];
  disabled: boolean;
};

export function CaseEditForm({ action, c, classes, people, disabled }: Props) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  const e = (name: string) => fieldError(state, name);
  const conflict = !state.ok && state.message?.includes("changed since you loaded it");
  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Edit the case" noValidate>
      {conflict ? (
        <Alert tone="warning" title="Someone else changed this case">
          {state.message} What you typed is still in the form below: copy it, reload the page, and apply it again.
        </Alert>
      ) : (
        <FormStatus state={state} />
      )}
      <input type="hidden" name="reference" value={c.reference} />
      <input type="hidden" name="version" value={c.version} />
      <fieldset disabled={disabled} className="grid gap-4">
        <Field label="Title" htmlFor="edit-title" error={e("title")}>
          <Input {...fieldControlProps("edit-title", { error: e("title") })} name="title" defaultValue={c.title} maxLength={300} required />
        </Field>
        <Field label="Summary" htmlFor="edit-summary" error={e("summary")}>
          <Textarea {...fieldControlProps("edit-summary", { error: e("summary") })} name="summary" defaultValue={c.summary} rows={5} maxLength={20_000} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Severity" htmlFor="edit-severity" error={e("severity")}>
            <Select id="edit-severity" name="severity" defaultValue={c.severity}>
              <SeverityOptions />
            </Select>
          </Field>
          <Field label="Visibility class" htmlFor="edit-visibility" error={e("visibility")} hint="Only ever tightened.">
            <Select {...fieldControlProps("edit-visibility", { error: e("visibility"), hint: true })} name="visibility" defaultValue={c.visibility}>
              <ClassOptions classes={classes} />
            </Select>
          </Field>
          <Field label="Lead" htmlFor="edit-lead" error={e("lead")}>
            <Select id="edit-lead" name="lead" defaultValue={c.leadId ?? ""}>
              <PersonOptions people={people} none="No lead" />
            </Select>
          </Field>
        </div>
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium">Members</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {people.map((p) => (
              <label key={p.id} className="flex min-w-0 items-center gap-2 text-sm">
                <Checkbox name="members" value={p.id} defaultChecked={c.memberIds.includes(p.id)} />
                <span className="truncate">
                  {p.name} <span className="text-zinc-500 dark:text-zinc-400">({p.email})</span>
                </span>
              </label>
            ))}
          </div>
          {e("members") ? <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{e("members")}</p> : null}
        </fieldset>
        <div className="flex justify-end">
          <Button type="submit" disabled={pending || !hydrated}>
            {pending ? "Saving…" : "Save changes"}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
