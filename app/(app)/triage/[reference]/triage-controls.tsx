"use client";
// The triage team's actions on one report.
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { triageAction } from "./actions";
import { useActionForm } from "@/components/use-action-form";

export function TriageControls({ reference, status, acknowledged }: { reference: string; status: string; acknowledged: boolean }) {
  const form = useActionForm(triageAction);
  const { state, onSubmit, pending } = form;
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
          <TextActionForm form={form} reference={reference} action="resolve" field="outcome" label="Outcome" placeholder="What was found and done" submit="Mark resolved" variant="secondary" />
          <TextActionForm form={form} reference={reference} action="dismiss" field="reason" label="Reason to dismiss" placeholder="Duplicate, not security-related, …" submit="Dismiss" variant="danger" />
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

/** An action that needs a sentence from the triager (an outcome, a reason). */
function TextActionForm(props: {
  form: ReturnType<typeof useActionForm>;
  reference: string;
  action: "resolve" | "dismiss";
  field: string;
  label: string;
  placeholder: string;
  submit: string;
  variant: "secondary" | "danger";
}) {
  const { state, onSubmit, pending } = props.form;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="reference" value={props.reference} />
      <input type="hidden" name="action" value={props.action} />
      <Field label={props.label} htmlFor={props.field} error={fieldError(state, props.field)}>
        <Input id={props.field} name={props.field} maxLength={2000} placeholder={props.placeholder} />
      </Field>
      <Button type="submit" variant={props.variant} disabled={pending} className="self-start">{props.submit}</Button>
    </form>
  );
}
