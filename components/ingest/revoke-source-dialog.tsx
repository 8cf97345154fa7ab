"use client";
// Revoking a streaming token, behind a confirmation: Tailscale's stream stops being accepted at once.
import { useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/actions/types";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function RevokeSourceDialog({ action, sourceId, name }: { action: Action; sourceId: number; name: string }) {
  // On success the page re-renders this row as revoked, which takes the dialog away.
  const { state, onSubmit, pending } = useActionForm(action);
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`Revoke the token of ${name}`}>
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Revoke the token of “{name}”?</DialogTitle>
        <DialogDescription>
          Tailscale&apos;s stream with this token is refused from now on (403) and its records are lost until a new token is in place.
          What was stored stays. This cannot be undone.
        </DialogDescription>
        {!state.ok && state.message ? <Alert tone="danger" title="That did not work">{state.message}</Alert> : null}
        <form onSubmit={onSubmit} className="flex flex-wrap justify-end gap-2">
          <input type="hidden" name="sourceId" value={sourceId} />
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Revoking…" : "Revoke token"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
