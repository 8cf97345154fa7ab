"use client";
// Email + password through next-auth's credentials provider; errors (wrong password, lockout,
// disabled account) are shown in place.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignInForm({
  sso,
  initialError,
  callbackUrl,
}: {
  sso: { name: string } | null;
  initialError?: string;
  callbackUrl: string;
}) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is not correct.");
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? (
        <Alert tone="danger" title="Could not sign in">
          {error}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <Field label="Email" htmlFor="email">
          <Input id="email" name="email" type="email" autoComplete="username" required maxLength={320} autoFocus />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required maxLength={256} />
        </Field>
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" /> or <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn("oidc", { callbackUrl })}>
            Continue with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
