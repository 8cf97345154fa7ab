"use client";
import { FormStatus, fieldError } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createUserAction, setRolesAction, userAccountAction } from "./actions";
import { useActionForm } from "@/components/use-action-form";

export function CreateUserForm({ roles }: { roles: string[] }) {
  const { state, onSubmit, pending } = useActionForm(createUserAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormStatus state={state} successTitle="User created" />
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Email" htmlFor="new-email" error={fieldError(state, "email")}>
          <Input id="new-email" name="email" type="email" required maxLength={320} aria-invalid={fieldError(state, "email") ? true : undefined} />
        </Field>
        <Field label="Name" htmlFor="new-name" error={fieldError(state, "name")}>
          <Input id="new-name" name="name" required maxLength={200} aria-invalid={fieldError(state, "name") ? true : undefined} />
        </Field>
        <Field label="Password (optional)" htmlFor="new-password" error={fieldError(state, "password")} hint="Leave empty to generate a one-time password.">
          <Input id="new-password" name="password" type="password" autoComplete="new-password" maxLength={256} />
        </Field>
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-2 text-sm font-medium">Roles</legend>
        {roles.map((role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <Checkbox name="roles" value={role} defaultChecked={role === "EMPLOYEE"} disabled={role === "EMPLOYEE"} />
            {role}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Creating…" : "Create user"}
      </Button>
    </form>
  );
}

export function UserRolesForm({ userId, email, roles, current }: { userId: string; email: string; roles: string[]; current: string[] }) {
  const { state, onSubmit, pending } = useActionForm(setRolesAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-label={`Roles of ${email}`}>
      <input type="hidden" name="userId" value={userId} />
      {roles
        .filter((r) => r !== "EMPLOYEE")
        .map((role) => (
          <label key={role} className="flex items-center gap-1 text-xs">
            <Checkbox name="roles" value={role} defaultChecked={current.includes(role)} />
            {role}
          </label>
        ))}
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        Save
      </Button>
      {state.message ? (
        <span role={state.ok ? "status" : "alert"} className={state.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "text-xs text-red-600"}>
          {state.ok ? "Saved" : state.message}
        </span>
      ) : null}
    </form>
  );
}

export function UserActions({ userId, email, disabled, locked, self }: { userId: string; email: string; disabled: boolean; locked: boolean; self: boolean }) {
  const { state, onSubmit, pending } = useActionForm(userAccountAction);
  const button = (op: string, label: string, variant: "secondary" | "ghost" | "danger" = "ghost") => (
    <Button type="submit" name="op" value={op} size="sm" variant={variant} disabled={pending} aria-label={`${label} ${email}`}>
      {label}
    </Button>
  );
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-end gap-2">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-wrap justify-end gap-1">
        {locked ? button("unlock", "Unlock", "secondary") : null}
        {button("reset-password", "Reset password")}
        {self ? null : disabled ? button("enable", "Enable", "secondary") : button("disable", "Disable", "danger")}
      </div>
      {state.message ? (
        <div className="max-w-xs text-left">
          <FormStatus state={state} />
        </div>
      ) : null}
    </form>
  );
}
