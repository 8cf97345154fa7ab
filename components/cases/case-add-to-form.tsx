"use client";
// "Add to case": picks one of the open cases the person may see and links what the page is about
// (alerts or a report, passed as hidden fields); on success, links to the case.
import Link from "next/link";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { ActionState } from "@/lib/actions/types";

type Props = {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  cases: { reference: string; title: string }[];
  hidden: Record<string, string | string[]>;
  idPrefix: string;
  onDone?: () => void;
};

export function CaseAddToForm({ action, cases, hidden, idPrefix }: Props) {
  const { state, onSubmit, pending } = useActionForm(action);
  const hydrated = useHydrated();
  if (!cases.length) return <p className="text-sm text-zinc-600 dark:text-zinc-400">There is no open case you may see. Open a new one instead.</p>;
  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label="Add to an existing case">
      <FormStatus state={state} />
      {state.ok && state.result?.reference ? (
        <Link href={`/cases/${state.result.reference}`} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Open {state.result.reference}
        </Link>
      ) : null}
      {Object.entries(hidden).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => <input key={`${name}-${v}`} type="hidden" name={name} value={v} />))}
      <Field label="Case" htmlFor={`${idPrefix}-case`} error={fieldError(state, "reference")}>
        <Select id={`${idPrefix}-case`} name="reference" defaultValue="" required>
          <option value="" disabled>
            Choose an open case
          </option>
          {cases.map((c) => (
            <option key={c.reference} value={c.reference}>
              {c.reference}: {c.title.slice(0, 80)}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending || !hydrated}>
          Add to case
        </Button>
      </div>
    </form>
  );
}
