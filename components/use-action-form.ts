"use client";
// Runs a server action from a form's submit event. Unlike `<form action>`, React does not
// reset the form afterwards, so a rejected submission keeps what the person typed.
import { startTransition, useActionState, type FormEvent } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/types";

export function useActionForm(action: (prev: ActionState, form: FormData) => Promise<ActionState>) {
  const [state, dispatch, pending] = useActionState(action, initialActionState);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(form));
  }
  return { state, onSubmit, pending, dispatch };
}
