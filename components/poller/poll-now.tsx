"use client";
// "Poll now": runs one poll at once and shows what it did, per log type.
import { startTransition, useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { initialActionState, type ActionState } from "@/lib/actions/types";

const LABEL: Record<string, string> = { configuration: "Configuration", network: "Network" };

export function PollNow({ action, disabled }: { action: () => Promise<ActionState>; disabled?: boolean }) {
  const [state, run, pending] = useActionState(action, initialActionState);
  const { status, ...types } = state.result ?? {};
  const tone = !state.ok ? "danger" : status === "ran" ? "success" : "warning";
  const title = !state.ok ? "That did not work" : status === "ran" ? "Poll finished" : status === "busy" ? "A poll is already running" : status === "failed" ? "Poll finished with errors" : "Nothing polled";
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" disabled={pending || disabled} onClick={() => startTransition(() => run())}>
          {pending ? "Polling…" : "Poll now"}
        </Button>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Runs once with the saved settings, whatever the interval.</p>
      </div>
      {state.message || state.result ? (
        <Alert tone={tone} title={title}>
          {state.message ? <p>{state.message}</p> : null}
          {Object.entries(types).map(([logType, message]) => (
            <p key={logType}>
              <span className="font-medium">{LABEL[logType] ?? logType}:</span> {message}
            </p>
          ))}
        </Alert>
      ) : null}
    </div>
  );
}
