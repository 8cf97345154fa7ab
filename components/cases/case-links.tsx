"use client";
// The overview's linked alerts (each with Unlink) and the merge into another case, which asks
// for confirmation first: a merge closes this case as a duplicate and cannot be undone.
import Link from "next/link";
import { useState } from "react";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { ActionState } from "@/lib/actions/types";
import type { Severity } from "@/lib/detections/severity";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function CaseLinkedAlerts({ action, reference, alerts, canChange }: { action: Action; reference: string; alerts: { id: number; title: string; severity: Severity; eventCount: number }[]; canChange: boolean }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  if (!alerts.length) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No alerts linked. Add them from the alert queue with &ldquo;Add to case&rdquo;.</p>;
  return (
    <div className="grid gap-3">
      <FormStatus state={state} />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="case-alerts">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
            <SeverityBadge severity={a.severity} />
            <Link href={`/alerts/${a.id}`} className="min-w-0 flex-1 break-words hover:underline">
              #{a.id} {a.title}
            </Link>
            <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{a.eventCount} {a.eventCount === 1 ? "event" : "events"}</span>
            {canChange ? (
              <form onSubmit={onSubmit}>
                <input type="hidden" name="reference" value={reference} />
                <input type="hidden" name="alertId" value={a.id} />
                <Button type="submit" size="sm" variant="ghost" disabled={pending || !hydrated} aria-label={`Unlink alert ${a.id}`}>
                  Unlink
                </Button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CaseMerge({ action, reference, version, candidates }: { action: Action; reference: string; version: number; candidates: { reference: string; title: string }[] }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  const [into, setInto] = useState("");
  const [confirming, setConfirming] = useState(false);
  if (!candidates.length) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No other open case to merge into.</p>;
  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        if (!confirming) {
          event.preventDefault();
          if (into) setConfirming(true);
          return;
        }
        onSubmit(event);
      }}
      id="merge-form"
    >
      <FormStatus state={state} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <Field label="Merge this case into" htmlFor="merge-into" error={fieldError(state, "into")} hint="This case closes as a duplicate; its alerts, reports, tasks, observables, evidence, comments and obligations move to the other case.">
        <Select id="merge-into" name="into" value={into} onChange={(e) => setInto(e.target.value)} aria-describedby="merge-into-hint">
          <option value="">Choose a case</option>
          {candidates.map((c) => (
            <option key={c.reference} value={c.reference}>
              {c.reference}: {c.title.slice(0, 80)}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex justify-end">
        <Button type="button" variant="secondary" disabled={!into || pending || !hydrated} onClick={() => setConfirming(true)}>
          Merge…
        </Button>
      </div>
      <Dialog open={confirming} onOpenChange={setConfirming}>
        <DialogContent>
          <DialogTitle>
            Merge {reference} into {into}?
          </DialogTitle>
          <DialogDescription>
            {reference} closes as a duplicate pointing to {into}, and everything on it moves there. {into} becomes as sealed as the stricter of the two. This cannot be undone.
          </DialogDescription>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button type="submit" form="merge-form" variant="danger" disabled={pending}>
              Merge into {into}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </form>
  );
}
