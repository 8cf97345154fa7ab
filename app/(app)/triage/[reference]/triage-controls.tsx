"use client";
// The triage team's actions on one report.
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { triageAction } from "./actions";
import { useActionForm } from "@/components/use-action-form";

export function TriageControls({ reference, status, acknowledged }: { reference: string; status: string; acknowledged: boolean }) {
  const { state, onSubmit, pending } = useActionForm(triageAction);
  const open = status === "RECEIVED" || status === "IN_REVIEW";
  return (
    <div className="flex flex-col gap-4">
      <FormStatus state={state} />
      {!acknowledged && open ? (
        <form onSubmit={onSubmit}>
          <input type="hidden" name="reference" value={reference} />
          <Button type="submit" name="action" value="acknowledge" disabled={pending}>Acknowledge</Button>
        </form>
      ) : null}
      {open ? (
        <>
          <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
            <input type="hidden" name="reference" value={reference} />
            <input type="hidden" name="action" value="resolve" />
            <Field label="Outcome" htmlFor="outcome" error={fieldError(state, "outcome")}>
              <Input id="outcome" name="outcome" maxLength={2000} placeholder="What was found and done" />
            </Field>
            <Button type="submit" variant="secondary" disabled={pending} className="self-start">Mark resolved</Button>
          </form>
          <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
            <input type="hidden" name="reference" value={reference} />
            <input type="hidden" name="action" value="dismiss" />
            <Field label="Reason to dismiss" htmlFor="reason" error={fieldError(state, "reason")}>
              <Input id="reason" name="reason" maxLength={2000} placeholder="Duplicate, not security-related, …" />
            </Field>
            <Button type="submit" variant="danger" disabled={pending} className="self-start">Dismiss</Button>
          </form>
        </>
      ) : (
        <form onSubmit={onSubmit}>
          <input type="hidden" name="reference" value={reference} />
          <Button type="submit" name="action" value="reopen" variant="secondary" disabled={pending}>Reopen</Button>
        </form>
      )}
    </div>
  );
}
