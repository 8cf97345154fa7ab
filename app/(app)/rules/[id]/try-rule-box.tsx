"use client";
// Paste a record, see what the rule says: raises, follows (joins an open alert) or leaves it.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { DefinitionList } from "@/components/logs/definition-list";
import { tryRuleAction, type TryState } from "../actions";

const VERDICT = {
  match: { tone: "danger", text: "Raises an alert" },
  follows: { tone: "info", text: "Follows: joins an open alert, never raises" },
  no: { tone: "neutral", text: "No match" },
  error: { tone: "warning", text: "Could not judge" },
} as const;

export function TryRuleBox({ ruleId, example }: { ruleId: string; example: string }) {
  const [state, dispatch, pending] = useActionState<TryState, FormData>(tryRuleAction, null);
  return (
    <div className="grid gap-4">
      <form action={dispatch} className="grid gap-3">
        <input type="hidden" name="ruleId" value={ruleId} />
        <Field label="A log record as JSON" htmlFor="try-json" hint="A record as Tailscale streams or exports it (bare, in a HEC envelope, or a JSON array of them). Up to 256 KiB. Nothing is stored.">
          <Textarea id="try-json" name="json" rows={10} className="font-mono text-xs" defaultValue={example} spellCheck={false} aria-describedby="try-json-hint" />
        </Field>
        <Button type="submit" className="justify-self-start" disabled={pending}>
          {pending ? "Running…" : "Run the rule"}
        </Button>
      </form>
      <div aria-live="polite">
        {state && !state.ok ? <Alert tone="danger" title="Could not run the rule">{state.error}</Alert> : null}
        {state && state.ok ? (
          <div className="grid gap-3" data-testid="try-result">
            {!state.enabled ? <Alert tone="warning" title="The rule is switched off">It would raise nothing until it is enabled; the result below is what it would say.</Alert> : null}
            {state.outcomes.map((o, i) => (
              <div key={i} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                <p className="mb-2 flex flex-wrap items-center gap-2 text-sm font-medium">
                  {o.label}
                  <Badge tone={VERDICT[o.verdict].tone}>{VERDICT[o.verdict].text}</Badge>
                </p>
                {o.error ? <p className="text-sm text-zinc-700 dark:text-zinc-300">{o.error}</p> : null}
                {o.note ? <p className="mb-2 text-sm text-zinc-700 dark:text-zinc-300">{o.note}</p> : null}
                {o.verdict === "match" || o.verdict === "follows" ? (
                  <DefinitionList
                    items={[
                      ["Severity", o.severity],
                      ["Title", o.title],
                      ["Dedup key", <span key="k" className="font-mono text-xs break-all">{o.dedupKey}</span>],
                      ["Matched fields", <span key="m" className="font-mono text-xs">{o.matchedFields?.join(", ")}</span>],
                      ["Context", <pre key="c" className="overflow-auto font-mono text-xs whitespace-pre-wrap break-all">{JSON.stringify(o.context, null, 2)}</pre>],
                    ]}
                  />
                ) : null}
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
