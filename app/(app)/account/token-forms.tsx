"use client";
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createTokenAction, revokeTokenAction } from "./actions";
import { useActionForm } from "@/components/use-action-form";

export function CreateTokenForm() {
  const { state, onSubmit, pending } = useActionForm(createTokenAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormStatus state={state} successTitle="Token created" />
      <Field label="Name" htmlFor="token-name" error={fieldError(state, "name")} hint="What will use it, e.g. “SOAR playbook”.">
        <Input id="token-name" name="name" required maxLength={100} aria-invalid={fieldError(state, "name") ? true : undefined} />
      </Field>
      <Field label="Expires" htmlFor="token-expiry">
        <Select id="token-expiry" name="expiresInDays" defaultValue="90">
          <option value="7">in 7 days</option>
          <option value="30">in 30 days</option>
          <option value="90">in 90 days</option>
          <option value="365">in a year</option>
          <option value="">never</option>
        </Select>
      </Field>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { state, onSubmit, pending } = useActionForm(revokeTokenAction);
  return (
    <form onSubmit={onSubmit} className="inline">
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="ghost" size="sm" disabled={pending} aria-label={`Revoke token ${name}`}>
        Revoke
      </Button>
      {!state.ok && state.message ? <span role="alert" className="ml-2 text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
