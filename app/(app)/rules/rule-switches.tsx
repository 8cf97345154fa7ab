"use client";
// A rule's switches: on or off, a severity override, its dedup window.
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useActionForm } from "@/components/use-action-form";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/detections/severity";
import type { RuleSummary } from "@/lib/alerts/list-rules";
import { updateRuleAction } from "./actions";

export function RuleSwitches({ rule, compact = false }: { rule: Pick<RuleSummary, "id" | "title" | "enabled" | "severityOverride" | "ownSeverity" | "dedupMinutes" | "ownDedupMinutes">; compact?: boolean }) {
  const { state, onSubmit, pending } = useActionForm(updateRuleAction);
  const p = `rule-${rule.id.replace(/[^A-Za-z0-9]/g, "-")}`;
  return (
    <form onSubmit={onSubmit} className={compact ? "grid gap-2" : "grid gap-3 sm:max-w-md"} aria-label={`Settings of ${rule.title}`} noValidate>
      {compact && state.ok ? null : <FormStatus state={state} />}
      <input type="hidden" name="id" value={rule.id} />
      <input type="hidden" name="hasEnabled" value="1" />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" role="switch" name="enabled" defaultChecked={rule.enabled} className="peer sr-only" />
        <span aria-hidden className="relative inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-zinc-300 transition-colors peer-checked:bg-indigo-600 peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 peer-focus-visible:ring-offset-2 after:absolute after:left-0.5 after:size-4 after:rounded-full after:bg-white after:shadow after:transition-transform peer-checked:after:translate-x-4 dark:bg-zinc-700" />
        Enabled
      </label>
      <Field label="Severity" htmlFor={`${p}-sev`} error={fieldError(state, "severity")}>
        <Select id={`${p}-sev`} name="severity" defaultValue={rule.severityOverride ?? ""}>
          <option value="">The rule&apos;s own ({rule.ownSeverity ? SEVERITY_LABELS[rule.ownSeverity] : "per event"})</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Dedup window (minutes)" htmlFor={`${p}-dedup`} error={fieldError(state, "dedupMinutes")} hint={compact ? undefined : `Repeats within this long of the first event join its alert. The rule's own: ${rule.ownDedupMinutes}.`}>
        <Input {...fieldControlProps(`${p}-dedup`, { error: fieldError(state, "dedupMinutes") })} name="dedupMinutes" inputMode="numeric" defaultValue={rule.dedupMinutes} />
      </Field>
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          Save
        </Button>
        {compact && state.ok && state.message ? <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">Saved</span> : null}
      </div>
    </form>
  );
}
