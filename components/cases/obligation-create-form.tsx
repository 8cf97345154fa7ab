"use client";
// A new disclosure obligation: the audience, a deadline counted from the case's awareness time
// (72 hours, 4 business days in a time zone, or a date given: not one already past), and the text.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { PRESET_LABELS } from "@/lib/cases/deadlines";
import { AUDIENCE_LABELS } from "@/lib/cases/obligations-rules";
import { createObligationAction } from "@/app/(app)/cases/[reference]/disclosure/actions";

export function ObligationCreateForm({ reference, version }: { reference: string; version: number }) {
  const { state, onSubmit, pending } = useActionForm(createObligationAction);
  const [preset, setPreset] = useState("HOURS_72");
  // The zone field shows only after a choice in the browser, so the browser's zone is safe here.
  const [zone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const err = (n: string) => fieldError(state, n);
  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate aria-label="New obligation">
      <FormStatus state={state} successTitle="Added" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Audience" htmlFor="ob-audience" error={err("audience")}>
          <Select {...fieldControlProps("ob-audience", { error: err("audience") })} name="audience" defaultValue="CUSTOMERS">
            {Object.entries(AUDIENCE_LABELS).map(([v, l]) => (
              <option key={v} value={v}>{l}</option>
            ))}
          </Select>
        </Field>
        <Field label="Deadline" htmlFor="ob-preset" error={err("preset")}>
          <Select {...fieldControlProps("ob-preset", { error: err("preset") })} name="preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
            {Object.entries(PRESET_LABELS).map(([v, l]) => (
              <option key={v} value={v}>{l}</option>
            ))}
          </Select>
        </Field>
      </div>
      {preset !== "HOURS_72" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {preset === "CUSTOM" ? (
            <Field label="Due (in the time zone)" htmlFor="ob-deadline" error={err("deadline")}>
              <Input {...fieldControlProps("ob-deadline", { error: err("deadline") })} name="deadline" type="datetime-local" />
            </Field>
          ) : null}
          <Field label="Time zone" htmlFor="ob-zone" hint={preset === "BUSINESS_DAYS_4" ? "Its Saturdays and Sundays are skipped." : undefined} error={err("timeZone")}>
            <Input {...fieldControlProps("ob-zone", { hint: preset === "BUSINESS_DAYS_4", error: err("timeZone") })} name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} />
          </Field>
        </div>
      ) : null}
      <Field label="Text of the notice (may be written later)" htmlFor="ob-text" error={err("text")}>
        <Textarea {...fieldControlProps("ob-text", { error: err("text") })} name="text" rows={3} maxLength={50_000} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} className="justify-self-start">
        Add the obligation
      </Button>
    </form>
  );
}
