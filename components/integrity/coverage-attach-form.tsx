"use client";
// "Attach to the case as evidence" for a case's coverage map, at the margin the page shows.
import { attachCoverageMapAction } from "@/app/(app)/cases/[reference]/coverage/actions";
import { FormStatus } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { Button } from "@/components/ui/button";

export function CoverageAttachForm({ reference, marginMinutes }: { reference: string; marginMinutes: number }) {
  const { state, onSubmit, pending } = useActionForm(attachCoverageMapAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label="Attach the coverage map">
      <FormStatus state={state} successTitle="Attached" />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="margin" value={marginMinutes} />
      <Button type="submit" disabled={pending} className="justify-self-start">
        Attach to the case as evidence
      </Button>
    </form>
  );
}
