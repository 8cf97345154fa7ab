"use client";
// One disclosure obligation: audience, deadline with a live countdown, status, text, and the
// moves open from its status (edit and approve a draft, send or reopen an approved one).
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { PRESET_LABELS, type DeadlinePreset } from "@/lib/cases/deadlines";
import { AUDIENCE_LABELS, OBLIGATION_STATUS_LABELS, type Audience, type ObligationStatus } from "@/lib/cases/obligations-rules";
import { obligationAction } from "@/app/(app)/cases/[reference]/disclosure/actions";
import { Countdown } from "./countdown";

export type ObligationView = {
  id: string;
  audience: Audience;
  preset: string;
  deadline: string;
  status: ObligationStatus;
  text: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  sentAt: string | null;
  sentBy: string | null;
  needsCoo: boolean;
  mayApprove: boolean;
};

const TONE: Record<ObligationStatus, BadgeTone> = { DRAFT: "warning", APPROVED: "info", SENT: "success" };
const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function ObligationStatusBadge({ status }: { status: ObligationStatus }) {
  return <Badge tone={TONE[status]} data-testid="obligation-status">{OBLIGATION_STATUS_LABELS[status]}</Badge>;
}

export function ObligationCard({ reference, version, o, mayHandle }: { reference: string; version: number; o: ObligationView; mayHandle: boolean }) {
  const { state, onSubmit, pending } = useActionForm(obligationAction);
  const hidden = (
    <>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="obligationId" value={o.id} />
    </>
  );
  const headingId = `ob-${o.id}-heading`;
  return (
    <li className="grid gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" aria-labelledby={headingId} data-testid="obligation">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold">
          {AUDIENCE_LABELS[o.audience]}
          <ObligationStatusBadge status={o.status} />
          {o.needsCoo && o.status === "DRAFT" ? <Badge tone="neutral">COO approves</Badge> : null}
        </h3>
        <span className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          due {utc(o.deadline)} <Countdown deadline={o.deadline} done={o.status === "SENT"} />
        </span>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {PRESET_LABELS[o.preset as DeadlinePreset] ?? o.preset}
        {o.approvedAt ? ` · approved ${utc(o.approvedAt)}${o.approvedBy ? ` by ${o.approvedBy}` : ""}` : ""}
        {o.sentAt ? ` · sent ${utc(o.sentAt)}${o.sentBy ? ` by ${o.sentBy}` : ""}` : ""}
      </p>
      <FormStatus state={state} />
      {o.status === "DRAFT" && mayHandle ? (
        <form onSubmit={onSubmit} className="grid gap-2" noValidate>
          {hidden}
          <Field label="Text of the notice" htmlFor={`ob-${o.id}-text`} error={fieldError(state, "text")}>
            <Textarea {...fieldControlProps(`ob-${o.id}-text`, { error: fieldError(state, "text") })} name="text" rows={4} maxLength={50_000} defaultValue={o.text ?? ""} />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="move" value="text" variant="secondary" size="sm" disabled={pending}>Save the text</Button>
            {o.mayApprove ? <Button type="submit" name="move" value="approve" size="sm" disabled={pending}>Approve</Button> : null}
          </div>
        </form>
      ) : (
        <>
          {o.text ? <p className="whitespace-pre-wrap break-words rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-900">{o.text}</p> : <p className="text-sm text-zinc-500">No text written yet.</p>}
          {o.status === "DRAFT" && o.mayApprove ? (
            <form onSubmit={onSubmit}>
              {hidden}
              <Button type="submit" name="move" value="approve" size="sm" disabled={pending}>Approve</Button>
            </form>
          ) : null}
        </>
      )}
      {o.status === "APPROVED" && mayHandle ? (
        <form onSubmit={onSubmit} className="flex flex-wrap gap-2">
          {hidden}
          <Button type="submit" name="move" value="send" size="sm" disabled={pending}>Mark as sent</Button>
          <Button type="submit" name="move" value="reopen" variant="ghost" size="sm" disabled={pending}>Back to draft</Button>
        </form>
      ) : null}
    </li>
  );
}
