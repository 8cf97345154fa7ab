"use server";
// Writing to the reporter and adding internal notes, as reply-box actions.
import type { ActionState } from "@/lib/actions/types";
import { triageAction } from "./actions";

export async function messageReporterAction(prev: ActionState, form: FormData): Promise<ActionState> {
  form.set("action", "message");
  return triageAction(prev, form);
}

export async function internalNoteAction(prev: ActionState, form: FormData): Promise<ActionState> {
  form.set("action", "note");
  return triageAction(prev, form);
}
