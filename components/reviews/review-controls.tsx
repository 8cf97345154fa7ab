"use client";
// The forms of a log review: tick (or untick) an item with a note, sign the review off, and the
// schedule. Each form sends the version the page showed.
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { saveScheduleAction, signOffAction, tickItemAction } from "@/app/(app)/reviews/actions";

export function TickForm({ id, version, item, label, checked, note }: { id: string; version: number; item: string; label: string; checked: boolean; note: string | null }) {
  const { state, onSubmit, pending } = useActionForm(tickItemAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-2" aria-label={`Tick: ${label}`}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="item" value={item} />
      <input type="hidden" name="checked" value={checked ? "false" : "true"} />
      <Field label="Note (optional)" htmlFor={`note-${item}`} error={fieldError(state, "note")}>
        <Textarea id={`note-${item}`} name="note" rows={2} maxLength={4000} defaultValue={note ?? ""} />
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant={checked ? "secondary" : "primary"} disabled={pending}>
          {checked ? "Untick" : "Mark as checked"}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function SignOffForm({ id, version, ready }: { id: string; version: number; ready: boolean }) {
  const { state, onSubmit, pending } = useActionForm(signOffAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <Field label="Sign-off notes" htmlFor="signoff-notes" hint="What was found and what was done about it." error={fieldError(state, "notes")}>
        <Textarea id="signoff-notes" name="notes" rows={3} maxLength={4000} />
      </Field>
      <FormStatus state={state} />
      <div>
        <Button type="submit" disabled={pending || !ready}>Sign off and freeze</Button>
        {!ready ? <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Tick every item first.</p> : null}
      </div>
    </form>
  );
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function ScheduleForm({ value, disabled }: { value: { frequency: string; weekday: number; hour: number; timeZone: string; graceHours: number }; disabled: boolean }) {
  const { state, onSubmit, pending } = useActionForm(saveScheduleAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
      <Field label="How often" htmlFor="frequency" error={fieldError(state, "frequency")}>
        <Select id="frequency" name="frequency" defaultValue={value.frequency} disabled={disabled}>
          <option value="weekly">Weekly</option>
          <option value="daily">Daily</option>
        </Select>
      </Field>
      <Field label="Weekday (weekly)" htmlFor="weekday" error={fieldError(state, "weekday")}>
        <Select id="weekday" name="weekday" defaultValue={String(value.weekday)} disabled={disabled}>
          {WEEKDAYS.map((d, i) => (
            <option key={d} value={i + 1}>{d}</option>
          ))}
        </Select>
      </Field>
      <Field label="Hour" htmlFor="hour" hint="0–23, in the time zone below" error={fieldError(state, "hour")}>
        <Input id="hour" name="hour" type="number" min={0} max={23} required defaultValue={value.hour} disabled={disabled} />
      </Field>
      <Field label="Time zone" htmlFor="timeZone" hint="An IANA name, e.g. Europe/Berlin" error={fieldError(state, "timeZone")}>
        <Input id="timeZone" name="timeZone" required maxLength={64} defaultValue={value.timeZone} disabled={disabled} />
      </Field>
      <Field label="Overdue after (hours)" htmlFor="graceHours" hint="After the period ends" error={fieldError(state, "graceHours")}>
        <Input id="graceHours" name="graceHours" type="number" min={1} max={336} required defaultValue={value.graceHours} disabled={disabled} />
      </Field>
      <div className="grid gap-2 sm:col-span-2">
        <FormStatus state={state} />
        {!disabled ? <div><Button type="submit" disabled={pending}>Save schedule</Button></div> : null}
      </div>
    </form>
  );
}
