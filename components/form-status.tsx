// The outcome of a server action, above the form that ran it.
import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/actions/types";

export function FormStatus({ state, successTitle }: { state: ActionState; successTitle?: string }) {
  if (!state.message && !state.secret) return null;
  if (!state.ok) return <Alert tone="danger" title="That did not work">{state.message}</Alert>;
  return (
    <Alert tone="success" title={successTitle}>
      {state.message}
      {state.secret ? (
        <code className="mt-2 block select-all break-all rounded bg-white/70 px-2 py-1 font-mono text-sm text-zinc-900 dark:bg-zinc-950/60 dark:text-zinc-100" data-testid="one-time-secret">
          {state.secret}
        </code>
      ) : null}
    </Alert>
  );
}

export function fieldError(state: ActionState, name: string): string | undefined {
  return state.fieldErrors?.[name]?.[0];
}
