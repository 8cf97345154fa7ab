"use client";
// The new-case form: from scratch, or pre-filled from the alerts and reports it was opened from
// (their ids ride along as hidden fields). A rejected submission keeps what the person typed.
import { useState } from "react";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionState } from "@/lib/actions/types";
import type { Severity } from "@/lib/detections/severity";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { ClassOptions, SeverityOptions } from "./case-badges";

type Props = {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  draft: { title: string; severity: Severity | null; visibility: Visibility; awareAtLocal: string; alertIds: number[]; reports: string[] };
  classes: Visibility[];
  templates: { id: string; kind: string; name: string }[];
  people: { id: string; name: string; email: string }[];
};

export function CaseNewForm({ action, draft, classes, templates, people }: Props) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  const [zone] = useState(() => (draft.awareAtLocal ? "UTC" : typeof Intl === "undefined" ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone));
  const fromSomething = draft.alertIds.length > 0 || draft.reports.length > 0;
  const e = (name: string) => fieldError(state, name);
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label="New case">
      <FormStatus state={state} />
      {draft.alertIds.map((id) => (
        <input key={id} type="hidden" name="alertIds" value={id} />
      ))}
      {draft.reports.map((r) => (
        <input key={r} type="hidden" name="reports" value={r} />
      ))}
      <Field label="Title" htmlFor="title" error={e("title")} hint={fromSomething ? "Taken from what the case was opened from; change it freely." : undefined}>
        <Input {...fieldControlProps("title", { error: e("title"), hint: fromSomething })} name="title" defaultValue={draft.title} maxLength={300} required={!fromSomething} />
      </Field>
      <Field label="Summary (optional)" htmlFor="summary" error={e("summary")}>
        <Textarea {...fieldControlProps("summary", { error: e("summary") })} name="summary" rows={4} maxLength={20_000} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Severity" htmlFor="severity" error={e("severity")} hint="Sets the due date (SLA).">
          <Select {...fieldControlProps("severity", { error: e("severity"), hint: true })} name="severity" defaultValue={draft.severity ?? "MEDIUM"}>
            <SeverityOptions />
          </Select>
        </Field>
        <Field label="Visibility class" htmlFor="visibility" error={e("visibility")} hint="Who may see the case. It can be tightened later, never loosened.">
          <Select {...fieldControlProps("visibility", { error: e("visibility"), hint: true })} name="visibility" defaultValue={draft.visibility}>
            <ClassOptions classes={classes} />
          </Select>
        </Field>
        <Field label="Aware since (optional)" htmlFor="awareAt" error={e("awareAt")} hint="When the team became aware; disclosure clocks count from it. Empty: the first alert or report, or now.">
          <Input {...fieldControlProps("awareAt", { error: e("awareAt"), hint: true })} name="awareAt" type="datetime-local" defaultValue={draft.awareAtLocal} />
        </Field>
        <Field label="Time zone of that time" htmlFor="timeZone" error={e("timeZone")}>
          <Input {...fieldControlProps("timeZone", { error: e("timeZone") })} name="timeZone" defaultValue={zone} maxLength={64} suppressHydrationWarning />
        </Field>
        <Field label="Template (optional)" htmlFor="template" error={e("template")} hint="Its checklist becomes the case's tasks.">
          <Select {...fieldControlProps("template", { error: e("template"), hint: true })} name="template" defaultValue="">
            <option value="">No template</option>
            {templates.map((t) => (
              <option key={t.id} value={t.kind}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Lead (optional)" htmlFor="lead" error={e("lead")}>
          <Select {...fieldControlProps("lead", { error: e("lead") })} name="lead" defaultValue="">
            <option value="">No lead yet</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Opening…" : "Open the case"}
        </Button>
      </div>
    </form>
  );
}
