"use client";
// The SLA per severity, in hours.
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/types";
import { SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/detections/severity";

export function CaseSlaForm({ action, hours, defaults, max }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; hours: Record<Severity, number>; defaults: Record<Severity, number>; max: number }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="SLA per severity" noValidate>
      <FormStatus state={state} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {[...SEVERITIES].reverse().map((s) => {
          const id = `sla-${s}`;
          const error = fieldError(state, s);
          return (
            <Field key={s} label={`${SEVERITY_LABELS[s]} (hours)`} htmlFor={id} error={error} hint={`Default ${defaults[s]} h`}>
              <Input {...fieldControlProps(id, { error, hint: true })} name={s} type="number" inputMode="numeric" min={1} max={max} step={1} defaultValue={hours[s]} required />
            </Field>
          );
        })}
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Saving…" : "Save SLA"}
        </Button>
      </div>
    </form>
  );
}
