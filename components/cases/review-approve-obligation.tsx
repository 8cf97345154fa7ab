"use client";
// Approve a disclosure obligation in place on the COO's review page.
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { obligationAction } from "@/app/(app)/cases/[reference]/disclosure/actions";

export function ReviewApproveObligation({ reference, version, obligationId, hasText }: { reference: string; version: number; obligationId: string; hasText: boolean }) {
  const { state, onSubmit, pending } = useActionForm(obligationAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-2">
      <FormStatus state={state} successTitle="Approved" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="obligationId" value={obligationId} />
      {state.ok ? null : (
        <Button type="submit" name="move" value="approve" size="sm" disabled={pending || !hasText} className="justify-self-start" title={hasText ? undefined : "The text must be written first"}>
          Approve the obligation
        </Button>
      )}
    </form>
  );
}
