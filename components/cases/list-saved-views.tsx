"use client";
// The cases list's saved views: each a link with the filters it was saved with, a delete button,
// and a small form that saves the filters now applied under a name.
import Link from "next/link";
import { X } from "lucide-react";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useHydrated } from "./case-hydration";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/types";
import { cn } from "@/lib/cn";

type View = { id: string; name: string; query: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function ListSavedViews({ views, currentQuery, saveAction, deleteAction }: { views: View[]; currentQuery: string; saveAction: Action; deleteAction: Action }) {
  const save = useActionForm(saveAction);
  const remove = useActionForm(deleteAction);
  const hydrated = useHydrated();
  return (
    <section aria-labelledby="saved-views-heading" className="mb-4 space-y-2">
      <h2 id="saved-views-heading" className="sr-only">
        Saved views
      </h2>
      <FormStatus state={remove.state.message ? remove.state : save.state} />
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Saved views" className="flex flex-wrap gap-2">
          {views.length === 0 ? <span className="text-sm text-zinc-500 dark:text-zinc-400">No saved views yet: filter the list, then save it under a name.</span> : null}
          {views.map((v) => {
            const active = v.query === currentQuery;
            return (
              <span
                key={v.id}
                className={cn(
                  "inline-flex items-center rounded-full border text-sm",
                  active ? "border-indigo-500 bg-indigo-50 text-indigo-800 dark:border-indigo-400 dark:bg-indigo-500/15 dark:text-indigo-200" : "border-zinc-300 dark:border-zinc-700",
                )}
              >
                <Link href={`/cases${v.query ? `?${v.query}` : ""}`} aria-current={active ? "page" : undefined} className="rounded-l-full py-1 pr-1 pl-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
                  {v.name}
                </Link>
                <form onSubmit={remove.onSubmit}>
                  <input type="hidden" name="id" value={v.id} />
                  <button
                    type="submit"
                    disabled={remove.pending || !hydrated}
                    aria-label={`Delete the view ${v.name}`}
                    className="rounded-r-full p-1.5 pr-2 text-zinc-500 hover:text-red-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-400"
                  >
                    <X aria-hidden="true" className="size-3.5" />
                  </button>
                </form>
              </span>
            );
          })}
        </nav>
        <form onSubmit={save.onSubmit} className="ml-auto flex items-start gap-2" aria-label="Save the current filters as a view">
          <input type="hidden" name="query" value={currentQuery} />
          <div>
            <label htmlFor="view-name" className="sr-only">
              Name of the view
            </label>
            <Input id="view-name" name="name" placeholder="Name this view" maxLength={60} className="h-8 w-44" aria-invalid={fieldError(save.state, "name") ? true : undefined} />
            {fieldError(save.state, "name") ? (
              <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
                {fieldError(save.state, "name")}
              </p>
            ) : null}
          </div>
          <Button type="submit" size="sm" variant="secondary" disabled={save.pending || !hydrated}>
            Save view
          </Button>
        </form>
      </div>
    </section>
  );
}
