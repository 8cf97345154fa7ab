"use client";
// The impact form: confidentiality, integrity, availability, what was affected, and a summary.
// It sends the case version the page showed; a stale one is refused with a conflict message.
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { recordImpactAction } from "@/app/(app)/cases/[reference]/impact/actions";

type Level = "NONE" | "LOW" | "HIGH" | null;
export type ImpactValues = {
  confidentiality: Level;
  integrity: Level;
  availability: Level;
  affectedSystems: string[];
  affectedDevices: string[];
  dataTypes: string[];
  customersAffected: number | null;
  peopleAffected: number | null;
  impactSummary: string | null;
};

const LEVELS = [
  ["NONE", "None"],
  ["LOW", "Low"],
  ["HIGH", "High"],
] as const;

export function ImpactForm({ reference, version, initial, deviceSuggestions }: { reference: string; version: number; initial: ImpactValues; deviceSuggestions: string[] }) {
  const { state, onSubmit, pending } = useActionForm(recordImpactAction);
  const err = (name: string) => fieldError(state, name);
  const suggestions = deviceSuggestions.filter((d) => !initial.affectedDevices.includes(d));
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label="Impact">
      <FormStatus state={state} successTitle="Saved" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium">Security properties affected</legend>
        {(["confidentiality", "integrity", "availability"] as const).map((name) => (
          <Field key={name} label={name.charAt(0).toUpperCase() + name.slice(1)} htmlFor={`impact-${name}`} error={err(name)}>
            <Select {...fieldControlProps(`impact-${name}`, { error: err(name) })} name={name} defaultValue={initial[name] ?? "NONE"}>
              {LEVELS.map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </Select>
          </Field>
        ))}
      </fieldset>
      <Field label="Affected systems" htmlFor="impact-systems" hint="One per line." error={err("affectedSystems")}>
        <Textarea {...fieldControlProps("impact-systems", { hint: true, error: err("affectedSystems") })} name="affectedSystems" rows={3} defaultValue={initial.affectedSystems.join("\n")} />
      </Field>
      <Field label="Affected devices" htmlFor="impact-devices" hint="One per line." error={err("affectedDevices")}>
        <Textarea {...fieldControlProps("impact-devices", { hint: true, error: err("affectedDevices") })} name="affectedDevices" rows={3} defaultValue={initial.affectedDevices.join("\n")} />
      </Field>
      {suggestions.length ? (
        <fieldset className="grid gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <legend className="px-1 text-sm font-medium">Devices seen in this case</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {suggestions.slice(0, 50).map((d, i) => (
              <label key={d} htmlFor={`impact-suggest-${i}`} className="flex min-w-0 items-center gap-2 text-sm">
                <Checkbox id={`impact-suggest-${i}`} name="suggestedDevices" value={d} />
                <span className="break-all font-mono text-xs">{d}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field label="Data types" htmlFor="impact-data" hint="One per line, e.g. customer e-mail addresses." error={err("dataTypes")}>
        <Textarea {...fieldControlProps("impact-data", { hint: true, error: err("dataTypes") })} name="dataTypes" rows={2} defaultValue={initial.dataTypes.join("\n")} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Customers affected" htmlFor="impact-customers" error={err("customersAffected")}>
          <Input {...fieldControlProps("impact-customers", { error: err("customersAffected") })} name="customersAffected" inputMode="numeric" defaultValue={initial.customersAffected ?? ""} />
        </Field>
        <Field label="People affected" htmlFor="impact-people" error={err("peopleAffected")}>
          <Input {...fieldControlProps("impact-people", { error: err("peopleAffected") })} name="peopleAffected" inputMode="numeric" defaultValue={initial.peopleAffected ?? ""} />
        </Field>
      </div>
      <Field label="Summary" htmlFor="impact-summary" error={err("impactSummary")}>
        <Textarea {...fieldControlProps("impact-summary", { error: err("impactSummary") })} name="impactSummary" rows={5} maxLength={20_000} defaultValue={initial.impactSummary ?? ""} />
      </Field>
      <Button type="submit" disabled={pending} className="justify-self-start">
        {initial.impactSummary ? "Save the revised impact" : "Record the impact"}
      </Button>
    </form>
  );
}
