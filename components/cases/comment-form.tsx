"use client";
// The case comment form. Typing `@` offers the people who may see the case (by handle or
// e-mail); choosing one inserts the mention. Comments are internal: never shown to reporters.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { useResetOnSuccess } from "@/components/cases/task-reset";
import { addCommentAction } from "@/app/(app)/cases/[reference]/activity/actions";

type Person = { id: string; name: string; email: string; handle: string; unique: boolean };

export function CommentForm({ reference, people }: { reference: string; people: Person[] }) {
  const { state, onSubmit, pending } = useActionForm(addCommentAction);
  const ref = useRef<HTMLTextAreaElement>(null);
  const formRef = useResetOnSuccess(state);
  const [query, setQuery] = useState<string | null>(null);

  const update = () => {
    const el = ref.current;
    if (!el) return;
    const before = el.value.slice(0, el.selectionStart);
    const m = /(?:^|[\s(])@([\w.%+-]*)$/.exec(before);
    setQuery(m ? m[1]!.toLowerCase() : null);
  };
  const matches = query === null ? [] : people.filter((p) => p.handle.startsWith(query) || p.email.toLowerCase().startsWith(query) || p.name.toLowerCase().includes(query)).slice(0, 6);
  const insert = (p: Person) => {
    const el = ref.current;
    if (!el) return;
    const before = el.value.slice(0, el.selectionStart);
    const after = el.value.slice(el.selectionStart);
    const token = p.unique ? p.handle : p.email;
    const start = before.lastIndexOf("@");
    el.value = `${before.slice(0, start)}@${token} ${after}`;
    const at = start + token.length + 2;
    el.setSelectionRange(at, at);
    el.focus();
    setQuery(null);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3" aria-label="Add a comment">
      <FormStatus state={state} />
      <input type="hidden" name="reference" value={reference} />
      <Field label="Comment" htmlFor="comment-body" hint="Internal to the team working the case. Mention someone with @ and their handle or e-mail." error={fieldError(state, "body")}>
        <Textarea ref={ref} {...fieldControlProps("comment-body", { hint: true, error: fieldError(state, "body") })} name="body" rows={4} maxLength={20_000} required onInput={update} onKeyUp={update} onClick={update} />
      </Field>
      {matches.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="People you can mention">
          {matches.map((p) => (
            <li key={p.id}>
              <Button type="button" size="sm" variant="secondary" onClick={() => insert(p)}>
                @{p.unique ? p.handle : p.email} <span className="text-zinc-500">({p.name})</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
