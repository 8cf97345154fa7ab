"use client";
// Creating a streaming source: a name in, the token out (shown once), with the steps to paste it
// into Tailscale's admin console.
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/types";
import { CopyButton } from "./copy-button";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function StreamTokenForm({ action, endpoint }: { action: Action; endpoint: string }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const error = fieldError(state, "name");
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {state.ok ? null : <FormStatus state={state} />}
        <Field label="Source name" htmlFor="stream-name" error={error} hint="Where the logs come from, e.g. “tailnet example.com” or “network logs”.">
          <Input {...fieldControlProps("stream-name", { hint: true, error })} name="name" required maxLength={80} autoComplete="off" />
        </Field>
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? "Creating…" : "Create streaming token"}
        </Button>
      </form>
      {state.ok && state.secret ? <TokenInstructions token={state.secret} name={state.result?.name ?? ""} endpoint={endpoint} /> : null}
    </div>
  );
}

function TokenInstructions({ token, name, endpoint }: { token: string; name: string; endpoint: string }) {
  const code = "rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100";
  return (
    <section aria-labelledby="new-token-title" className="flex flex-col gap-4 rounded-md border border-emerald-200 bg-emerald-50/60 p-4 dark:border-emerald-500/30 dark:bg-emerald-500/10">
      <h3 id="new-token-title" className="text-sm font-semibold">Token for “{name}”</h3>
      <Alert tone="warning" title="Copy it now">
        This token is shown once. Countersign keeps only its hash; if it is lost, revoke it and create another.
      </Alert>
      <div className="flex flex-col gap-2">
        <code id="new-stream-token" data-testid="one-time-secret" className="block rounded-md border border-zinc-200 bg-white px-3 py-2 font-mono text-sm break-all select-all text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100">
          {token}
        </code>
        <CopyButton value={token} targetId="new-stream-token" label="Copy token" />
      </div>
      <div className="flex flex-col gap-2 text-sm">
        <p className="font-medium">In Tailscale&apos;s admin console</p>
        <ol className="list-decimal space-y-1.5 pl-5">
          <li>Open <strong>Logs</strong>, then the <strong>Configuration logs</strong> or <strong>Network flow logs</strong> tab, and choose <strong>Streaming</strong>.</li>
          <li>Click <strong>Add destination</strong> (or <strong>Start streaming…</strong>) and pick <strong>Splunk</strong>.</li>
          <li>
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              URL: <code className={`${code} break-all`}>{endpoint}</code>
              <CopyButton value={endpoint} label="Copy URL" />
            </span>
          </li>
          <li>Token: the token above. Tailscale sends it as HTTP Basic auth (any user name).</li>
          <li>Save. Records appear on the <a className="font-medium underline" href="/ingest">Ingest</a> page within a minute.</li>
        </ol>
        <p className="text-zinc-600 dark:text-zinc-400">
          Prefer the <strong>Panther</strong> destination? Use the same URL; Tailscale sends the token as <code className={code}>Authorization: Bearer</code>, which works as well.
          One token can serve both the configuration and the network log stream, or create one per stream to tell them apart on the status page.
        </p>
      </div>
    </section>
  );
}
