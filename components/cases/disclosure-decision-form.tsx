"use client";
// The disclosure decision: disclose or not, why, and who must be told (each audience becomes a
// draft obligation due 72 hours from awareness). A new decision replaces the drafts and
// withdraws an earlier approval: the form says so before it is sent.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { AUDIENCE_LABELS } from "@/lib/cases/obligations-rules";
import { approveDisclosureAction, decideDisclosureAction } from "@/app/(app)/cases/[reference]/disclosure/actions";

export function DisclosureDecisionForm({ reference, version, disclose, rationale, decided }: { reference: string; version: number; disclose: boolean | null; rationale: string | null; decided: boolean }) {
  const { state, onSubmit, pending } = useActionForm(decideDisclosureAction);
  const [choice, setChoice] = useState<"true" | "false">(disclose === false ? "false" : "true");
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label="Disclosure decision">
      <FormStatus state={state} successTitle="Saved" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Decision</legend>
        {(
          [
            ["true", "Disclose"],
            ["false", "Do not disclose"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="disclose" value={value} checked={choice === value} onChange={() => setChoice(value)} className="size-4 accent-indigo-600" />
            {label}
          </label>
        ))}
      </fieldset>
      <Field label="Rationale" htmlFor="disclosure-rationale" error={fieldError(state, "rationale")}>
        <Textarea {...fieldControlProps("disclosure-rationale", { error: fieldError(state, "rationale") })} name="rationale" rows={4} maxLength={20_000} defaultValue={rationale ?? ""} />
      </Field>
      {choice === "true" ? (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Who must be told</legend>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Each becomes a draft obligation due 72 hours from awareness; add others with their own deadline below. The public needs the COO&apos;s approval.</p>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {Object.entries(AUDIENCE_LABELS).map(([value, label]) => (
              <label key={value} htmlFor={`audience-${value}`} className="flex items-center gap-2 text-sm">
                <Checkbox id={`audience-${value}`} name="audiences" value={value} />
                {label}
              </label>
            ))}
          </div>
          {fieldError(state, "audiences") ? <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">{fieldError(state, "audiences")}</p> : null}
        </fieldset>
      ) : null}
      {decided ? <p className="text-xs text-amber-700 dark:text-amber-400">Recording a new decision replaces the draft obligations and withdraws the COO&apos;s approval of the earlier one.</p> : null}
      <Button type="submit" disabled={pending} className="justify-self-start">
        {decided ? "Record a new decision" : "Record the decision"}
      </Button>
    </form>
  );
}

export function DisclosureApproveButton({ reference, version, label = "Approve the decision" }: { reference: string; version: number; label?: string }) {
  const { state, onSubmit, pending } = useActionForm(approveDisclosureAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-2">
      <FormStatus state={state} successTitle="Approved" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      {state.ok ? null : (
        <Button type="submit" disabled={pending} className="justify-self-start">
          {label}
        </Button>
      )}
    </form>
  );
}
