"use client";
// A reply box for a report's conversation; `action` decides who is writing and to whom.
import { useEffect, useRef } from "react";
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/types";
import { useActionForm } from "@/components/use-action-form";

export function ReplyForm({
  action,
  hidden,
  label,
  submitLabel,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  submitLabel: string;
}) {
  const { state, onSubmit, pending } = useActionForm(action);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  const id = `reply-${Object.values(hidden).join("-")}-${submitLabel.replace(/\W/g, "")}`;
  return (
    <form ref={ref} onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {!state.ok && state.message ? <FormStatus state={{ ...state, message: fieldError(state, "body") ?? state.message }} /> : null}
      <Field label={label} htmlFor={id}>
        <Textarea id={id} name="body" rows={3} maxLength={10000} required />
      </Field>
      <Button type="submit" disabled={pending} className="self-start" variant="secondary">
        {pending ? "Sending…" : submitLabel}
      </Button>
    </form>
  );
}
