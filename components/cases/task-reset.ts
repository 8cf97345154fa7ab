"use client";
// Empties a form after its action succeeded (useActionForm keeps what was typed, which is right
// for a refused submission and wrong for a posted comment or an added task).
import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/actions/types";

export function useResetOnSuccess(state: ActionState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  return ref;
}
