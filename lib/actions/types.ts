// Shared by server actions and the client forms that show their results.
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** A one-time secret (password, token) to show once. */
  secret?: string;
  /** What the action made, for the page to link to (e.g. a report's reference). */
  result?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };
