"use client";
// The workflow buttons: one per status the case may move to (lib/cases/status.ts). Resolving asks
// for the outcome and a note in a dialog. A refused move shows the reasons the server gave
// (impact not determined, disclosure not decided, required tasks open).
import { useState } from "react";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionState } from "@/lib/actions/types";
import { CASE_OUTCOMES, CASE_STATUSES, OUTCOME_LABELS, STATUS_LABELS, type CaseStatus } from "@/lib/cases/status";

type Props = { action: (prev: ActionState, form: FormData) => Promise<ActionState>; reference: string; version: number; status: CaseStatus; next: readonly CaseStatus[] };

const verb = (from: CaseStatus, to: CaseStatus) => (CASE_STATUSES.indexOf(to) < CASE_STATUSES.indexOf(from) ? `Back to ${STATUS_LABELS[to].toLowerCase()}` : to === "INVESTIGATING" && from === "RESOLVED" ? "Reopen (investigating)" : `Move to ${STATUS_LABELS[to].toLowerCase()}`);

export function CaseWorkflow({ action, reference, version, status, next }: Props) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  const [resolving, setResolving] = useState(false);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setResolving(false);
  }
  if (!next.length) return <p className="text-sm text-zinc-600 dark:text-zinc-400">A closed case does not change.</p>;
  return (
    <div className="grid gap-3">
      {resolving ? null : <FormStatus state={state} successTitle="Status changed" />}
      <div className="flex flex-wrap gap-2" role="group" aria-label="Move the case">
        {next.map((to) =>
          to === "RESOLVED" ? (
            <Button key={to} variant="secondary" onClick={() => setResolving(true)} disabled={pending || !hydrated}>
              Resolve…
            </Button>
          ) : (
            <form key={to} onSubmit={onSubmit}>
              <input type="hidden" name="reference" value={reference} />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="status" value={to} />
              <Button type="submit" variant={to === "CLOSED" || CASE_STATUSES.indexOf(to) > CASE_STATUSES.indexOf(status) ? "primary" : "secondary"} disabled={pending || !hydrated}>
                {verb(status, to)}
              </Button>
            </form>
          ),
        )}
      </div>
      <Dialog open={resolving} onOpenChange={setResolving}>
        <DialogContent>
          <DialogTitle>Resolve {reference}</DialogTitle>
          <DialogDescription>What was it? A confirmed incident still needs its impact and disclosure decision before it closes.</DialogDescription>
          <form onSubmit={onSubmit} className="grid gap-4">
            {resolving ? <FormStatus state={state} /> : null}
            <input type="hidden" name="reference" value={reference} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="status" value="RESOLVED" />
            <Field label="Outcome" htmlFor="resolve-outcome" error={fieldError(state, "outcome")}>
              <Select id="resolve-outcome" name="outcome" defaultValue="" required>
                <option value="" disabled>
                  Choose the outcome
                </option>
                {CASE_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_LABELS[o]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Resolution note" htmlFor="resolve-note" error={fieldError(state, "resolutionNote")} hint="What was found and done, for whoever reads the case later.">
              <Textarea id="resolve-note" name="resolutionNote" rows={4} maxLength={5000} aria-describedby="resolve-note-hint" />
            </Field>
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={() => setResolving(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending || !hydrated}>
                Resolve
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
