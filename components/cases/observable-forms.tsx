"use client";
// Adding an observable by hand (type and value, checked per type) and removing one.
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useResetOnSuccess } from "@/components/cases/task-reset";
import { OBSERVABLE_HINTS, OBSERVABLE_LABELS, OBSERVABLE_TYPES } from "@/lib/cases/observables-labels";
import { addObservableAction, removeObservableAction } from "@/app/(app)/cases/[reference]/observables/actions";
import { useState } from "react";

export function ObservableAddForm({ reference }: { reference: string }) {
  const { state, onSubmit, pending } = useActionForm(addObservableAction);
  const [type, setType] = useState<(typeof OBSERVABLE_TYPES)[number]>("IP");
  const formRef = useResetOnSuccess(state);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3" aria-label="Add an observable">
      <FormStatus state={state} />
      <input type="hidden" name="reference" value={reference} />
      <Field label="Type" htmlFor="observable-type" error={fieldError(state, "type")}>
        <Select {...fieldControlProps("observable-type")} name="type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
          {OBSERVABLE_TYPES.map((t) => (
            <option key={t} value={t}>
              {OBSERVABLE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Value" htmlFor="observable-value" hint={`Give ${OBSERVABLE_HINTS[type]}.`} error={fieldError(state, "value")}>
        <Input {...fieldControlProps("observable-value", { hint: true, error: fieldError(state, "value") })} name="value" required maxLength={2048} autoComplete="off" spellCheck={false} />
      </Field>
      <Button type="submit" disabled={pending}>
        Add observable
      </Button>
    </form>
  );
}

export function ObservableRemoveButton({ reference, id, label }: { reference: string; id: string; label: string }) {
  const { state, onSubmit, pending } = useActionForm(removeObservableAction);
  return (
    <form onSubmit={onSubmit} className="inline">
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="observableId" value={id} />
      <Button type="submit" size="sm" variant="ghost" disabled={pending} aria-label={`Remove ${label}`}>
        Remove
      </Button>
      {state.message && !state.ok ? <span role="alert" className="ml-2 text-xs text-red-600 dark:text-red-400">{state.message}</span> : null}
    </form>
  );
}
