"use client";
// The actions on one alert: acknowledge, assign, dismiss with a reason, reopen, suppress the rule
// for the alert's entity. Each form sends the version the page showed.
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FormStatus, fieldError } from "@/components/form-status";
import { DismissFields } from "@/components/alerts/alert-queue";
import { useActionForm } from "@/components/use-action-form";
import { startTransition } from "react";
import type { AlertAction } from "@/lib/alerts/schemas";
import { alertAction, revokeSuppressionAction, suppressAlertAction } from "../actions";

type Person = { id: string; name: string; email: string };

export function AlertControls({ id, version, actions, assigneeId, assignees }: { id: number; version: number; actions: AlertAction[]; assigneeId: string | null; assignees: Person[] }) {
  const form = useActionForm(alertAction);
  const { state, onSubmit, pending } = form;
  const hidden = (
    <>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="grid gap-4">
      <FormStatus state={state} />
      <div className="flex flex-wrap gap-2">
        {actions.includes("acknowledge") ? (
          <form onSubmit={onSubmit}>
            {hidden}
            <Button type="submit" name="action" value="acknowledge" disabled={pending}>Acknowledge</Button>
          </form>
        ) : null}
        {actions.includes("reopen") ? (
          <form onSubmit={onSubmit}>
            {hidden}
            <Button type="submit" name="action" value="reopen" variant="secondary" disabled={pending}>Reopen</Button>
          </form>
        ) : null}
        {actions.includes("unassign") ? (
          <form onSubmit={onSubmit}>
            {hidden}
            <Button type="submit" name="action" value="unassign" variant="ghost" disabled={pending}>Unassign</Button>
          </form>
        ) : null}
      </div>
      {actions.includes("assign") && assignees.length ? (
        <form onSubmit={onSubmit} className="flex items-end gap-2">
          {hidden}
          <input type="hidden" name="action" value="assign" />
          <Field label="Assignee" htmlFor="assignee" className="min-w-0 flex-1" error={fieldError(state, "assigneeId")}>
            <Select id="assignee" name="assigneeId" defaultValue={assigneeId ?? assignees[0]!.id}>
              {assignees.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" disabled={pending}>Assign</Button>
        </form>
      ) : null}
      {actions.includes("dismiss") ? (
        <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <summary className="cursor-pointer text-sm font-medium">Dismiss…</summary>
          <div className="mt-3">
            <DismissFields
              idPrefix="alert-dismiss"
              pending={pending}
              state={state}
              onSubmit={(fields) => {
                const data = new FormData();
                data.set("id", String(id));
                data.set("version", String(version));
                data.set("action", "dismiss");
                data.set("dismissal", fields.dismissal);
                data.set("reason", fields.reason);
                startTransition(() => form.dispatch(data));
              }}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}

export function SuppressForm({ id }: { id: number }) {
  const { state, onSubmit, pending } = useActionForm(suppressAlertAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <Field label="For" htmlFor="sup-period" error={fieldError(state, "period")}>
        <Select id="sup-period" name="period" defaultValue="24h">
          <option value="1h">1 hour</option>
          <option value="24h">24 hours</option>
          <option value="7d">7 days</option>
          <option value="30d">30 days</option>
          <option value="until">Until a date…</option>
        </Select>
      </Field>
      <Field label="Until (UTC, when “until a date”)" htmlFor="sup-until" error={fieldError(state, "until")}>
        <Input {...fieldControlProps("sup-until", { error: fieldError(state, "until") })} name="until" type="date" />
      </Field>
      <Field label="Reason" htmlFor="sup-reason" error={fieldError(state, "reason")}>
        <Textarea {...fieldControlProps("sup-reason", { error: fieldError(state, "reason") })} name="reason" rows={2} maxLength={2000} placeholder="Maintenance window, ticket SEC-123" />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending} className="justify-self-start">Suppress</Button>
    </form>
  );
}

export function RevokeSuppressionButton({ suppressionId, back }: { suppressionId: number; back: string }) {
  const { state, onSubmit, pending } = useActionForm(revokeSuppressionAction);
  return (
    <form onSubmit={onSubmit} className="inline">
      <input type="hidden" name="suppressionId" value={suppressionId} />
      <input type="hidden" name="back" value={back} />
      <Button type="submit" size="sm" variant="ghost" disabled={pending}>End now</Button>
      {!state.ok && state.message ? <span role="alert" className="ml-2 text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
