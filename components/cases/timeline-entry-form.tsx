"use client";
// Adds a timeline entry: what happened, when it happened in the writer's time zone, and where
// the information came from. The form is cleared only after the entry is saved.
import { useState } from "react";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/types";

export function TimelineEntryForm({ action, reference }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; reference: string }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  // A saved entry empties the text (a fresh textarea); a refused one keeps it.
  const [saved, setSaved] = useState(0);
  const [zone] = useState(() => (typeof Intl === "undefined" ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setSaved((n) => n + 1);
  }
  const e = (name: string) => fieldError(state, name);
  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Add a timeline entry" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="reference" value={reference} />
      <Field label="What happened" htmlFor="tl-body" error={e("body")}>
        <Textarea key={saved} {...fieldControlProps("tl-body", { error: e("body") })} name="body" rows={3} maxLength={20_000} required />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="When it happened" htmlFor="tl-at" error={e("occurredAt")}>
          <Input {...fieldControlProps("tl-at", { error: e("occurredAt") })} name="occurredAt" type="datetime-local" required />
        </Field>
        <Field label="Time zone" htmlFor="tl-zone" error={e("timeZone")}>
          <Input {...fieldControlProps("tl-zone", { error: e("timeZone") })} name="timeZone" defaultValue={zone} maxLength={64} suppressHydrationWarning />
        </Field>
        <Field label="Source (optional)" htmlFor="tl-source" error={e("source")}>
          <Input {...fieldControlProps("tl-source", { error: e("source") })} name="source" maxLength={300} placeholder="Slack thread, phone call…" />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Adding…" : "Add entry"}
        </Button>
      </div>
    </form>
  );
}
