"use client";
// Retention per log type and the quiet-source threshold of the status page.
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/types";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Settings = { auditRetentionDays: number; flowRetentionDays: number; quietAfterMinutes: number };

const FIELDS: { name: keyof Settings; label: string; hint: string; max: number }[] = [
  { name: "auditRetentionDays", label: "Keep audit events (days)", hint: "Configuration log. Tailscale itself keeps 90 days.", max: 3650 },
  { name: "flowRetentionDays", label: "Keep flow records (days)", hint: "Network flow log; the largest table.", max: 3650 },
  { name: "quietAfterMinutes", label: "Warn when a source is quiet for (minutes)", hint: "On the Ingest page, for streams and pollers that have sent records.", max: 10_080 },
];

export function IngestSettingsForm({ action, settings }: { action: Action; settings: Settings }) {
  const { state, onSubmit, pending } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormStatus state={state} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {FIELDS.map((f) => {
          const error = fieldError(state, f.name);
          const id = `setting-${f.name}`;
          return (
            <Field key={f.name} label={f.label} htmlFor={id} hint={f.hint} error={error}>
              <Input {...fieldControlProps(id, { hint: f.hint, error })} name={f.name} type="number" inputMode="numeric" min={1} max={f.max} step={1} required defaultValue={settings[f.name]} />
            </Field>
          );
        })}
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Old data goes a whole day at a time: the upkeep job (every 15 minutes) drops daily partitions older than the limit.</p>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
