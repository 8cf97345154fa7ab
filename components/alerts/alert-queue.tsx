"use client";
// The queue's table with selection, bulk actions and keyboard shortcuts: j/k move the focused
// row, x selects it, a acknowledges, d dismisses (a dialog asks why), Enter or o opens, ? helps.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormStatus } from "@/components/form-status";
import { LogTime } from "@/components/logs/log-time";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Textarea } from "@/components/ui/input";
import { initialActionState, type ActionState } from "@/lib/actions/types";
import type { AlertView } from "@/lib/alerts/alert-view";
import { DISMISSAL_LABELS, DISMISSALS } from "@/lib/alerts/vocabulary";
import { cn } from "@/lib/cn";
import { CaseAddToForm } from "@/components/cases/case-add-to-form";
import { AlertStatusBadge, SeverityBadge } from "./alert-badges";

type Person = { id: string; name: string; email: string };
type Props = {
  alerts: AlertView[];
  ruleTitles: Record<string, string>;
  canWork: boolean;
  assignees: Person[];
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  /** With case access: the open cases for "Add to case", and its action. */
  cases?: { openCases: { reference: string; title: string }[]; addAction: (prev: ActionState, form: FormData) => Promise<ActionState> };
};

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous alert"],
  ["x", "Select or unselect the focused alert"],
  ["a", "Acknowledge the selected alerts (or the focused one)"],
  ["d", "Dismiss the selected alerts (or the focused one)"],
  ["Enter or o", "Open the focused alert"],
  ["?", "This help"],
];

export function AlertQueue({ alerts, ruleTitles, canWork, assignees, action, cases }: Props) {
  const router = useRouter();
  const [state, dispatch, pending] = useActionState(action, initialActionState);
  const [chosen, setSelected] = useState<Set<number>>(new Set());
  const [focused, setFocus] = useState(-1);
  const [dialog, setDialog] = useState<null | "dismiss" | "assign" | "help" | "case">(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  // After an action the page data is fresh: selections of alerts no longer listed drop out.
  const selected = useMemo(() => new Set([...chosen].filter((id) => alerts.some((a) => a.id === id))), [chosen, alerts]);
  const focus = Math.min(focused, alerts.length - 1);
  // A successful action closes its dialog and clears the selection.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) {
      setDialog(null);
      setSelected(new Set());
    }
  }

  const targets = useCallback(() => (selected.size ? [...selected] : focus >= 0 && alerts[focus] ? [alerts[focus]!.id] : []), [selected, focus, alerts]);

  const run = useCallback(
    (fields: Record<string, string>, ids = targets()) => {
      if (!ids.length) return;
      const form = new FormData();
      for (const id of ids) form.append("id", String(id));
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      startTransition(() => dispatch(form));
    },
    [dispatch, targets],
  );

  const moveTo = useCallback((index: number) => {
    setFocus(index);
    rows.current[index]?.focus();
    rows.current[index]?.scrollIntoView({ block: "nearest" });
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || dialog) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true], [role=dialog]")) return;
      const key = event.key;
      if (key === "?") setDialog("help");
      else if (key === "j") moveTo(Math.min(alerts.length - 1, focus + 1));
      else if (key === "k") moveTo(Math.max(0, focus - 1));
      else if (key === "x" && focus >= 0 && canWork) toggle(alerts[focus]!.id);
      else if (key === "a" && canWork) run({ action: "acknowledge" });
      else if (key === "d" && canWork && targets().length) setDialog("dismiss");
      else if ((key === "Enter" || key === "o") && focus >= 0 && (key === "o" || target === rows.current[focus])) router.push(`/alerts/${alerts[focus]!.id}`);
      else return;
      event.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  function toggle(id: number) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const allSelected = alerts.length > 0 && alerts.every((a) => selected.has(a.id));
  const count = targets().length;

  return (
    <div className="space-y-3">
      <FormStatus state={state} />
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Actions on the selected alerts">
        {canWork ? (
          <>
            <span className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
              {selected.size ? `${selected.size} selected` : "Select alerts, or use the keyboard"}
            </span>
            <Button size="sm" variant="secondary" disabled={!count || pending} onClick={() => run({ action: "acknowledge" })}>
              Acknowledge
            </Button>
            <Button size="sm" variant="secondary" disabled={!count || pending} onClick={() => setDialog("assign")}>
              Assign
            </Button>
            <Button size="sm" variant="secondary" disabled={!count || pending} onClick={() => setDialog("dismiss")}>
              Dismiss
            </Button>
            {cases ? (
              <>
                <Button size="sm" variant="secondary" disabled={!count || pending} onClick={() => router.push(`/cases/new?alerts=${targets().join(",")}`)}>
                  Open a case
                </Button>
                <Button size="sm" variant="secondary" disabled={!count || pending} onClick={() => setDialog("case")}>
                  Add to case
                </Button>
              </>
            ) : null}
          </>
        ) : (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">You can read the queue; the security team works it.</span>
        )}
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setDialog("help")} aria-keyshortcuts="?">
          Keyboard shortcuts <kbd className="rounded border border-zinc-300 px-1 font-mono text-[10px] dark:border-zinc-700">?</kbd>
        </Button>
      </div>
      <Table>
        <caption className="sr-only">Alerts. Press j and k to move between rows, x to select, question mark for all shortcuts.</caption>
        <THead>
          <TR>
            {canWork ? (
              <TH className="w-8">
                <Checkbox aria-label="Select all alerts shown" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(alerts.map((a) => a.id)))} />
              </TH>
            ) : null}
            <TH>Severity</TH>
            <TH>Alert</TH>
            <TH className="hidden 2xl:table-cell">Rule</TH>
            <TH className="hidden lg:table-cell">Entity</TH>
            <TH className="hidden text-right sm:table-cell">Events</TH>
            <TH className="hidden 2xl:table-cell">First seen</TH>
            <TH className="hidden sm:table-cell">Last seen</TH>
            <TH className="hidden md:table-cell">Assignee</TH>
            <TH className="hidden sm:table-cell">Status</TH>
          </TR>
        </THead>
        <TBody>
          {alerts.map((a, i) => (
            <TR
              key={a.id}
              ref={(el) => {
                rows.current[i] = el;
              }}
              tabIndex={-1}
              aria-selected={canWork ? selected.has(a.id) : undefined}
              data-focused={focus === i || undefined}
              onClick={() => setFocus(i)}
              className={cn("outline-none", focus === i && "bg-indigo-50 ring-2 ring-indigo-500 ring-inset dark:bg-indigo-500/10", selected.has(a.id) && "bg-indigo-50/60 dark:bg-indigo-500/5")}
            >
              {canWork ? (
                <TD className="w-8">
                  <Checkbox aria-label={`Select alert ${a.id}`} checked={selected.has(a.id)} onChange={() => toggle(a.id)} />
                </TD>
              ) : null}
              <TD>
                <SeverityBadge severity={a.severity} />
              </TD>
              <TD className="min-w-44 max-w-md">
                <Link href={`/alerts/${a.id}`} className="font-medium text-zinc-900 hover:underline focus-visible:underline dark:text-zinc-100">
                  {a.title}
                </Link>
                <span className="block text-xs text-zinc-500 2xl:hidden dark:text-zinc-400">{ruleTitles[a.ruleId] ?? a.ruleId}</span>
                <span className="mt-1 flex items-center gap-2 text-xs text-zinc-500 sm:hidden">
                  <AlertStatusBadge status={a.status} testId="alert-status-compact" />
                  {a.eventCount} {a.eventCount === 1 ? "event" : "events"}
                </span>
              </TD>
              <TD className="hidden max-w-56 text-xs 2xl:table-cell">
                <span title={a.ruleId}>{ruleTitles[a.ruleId] ?? a.ruleId}</span>
              </TD>
              <TD className="hidden max-w-44 truncate font-mono text-xs lg:table-cell" title={a.entity ?? undefined}>
                {a.entity ? <bdi>{a.entity}</bdi> : "—"}
              </TD>
              <TD className="hidden text-right tabular-nums sm:table-cell">{a.eventCount}</TD>
              <TD className="hidden 2xl:table-cell">
                <LogTime iso={a.firstSeenAt} />
              </TD>
              <TD className="hidden sm:table-cell">
                <LogTime iso={a.lastSeenAt} />
              </TD>
              <TD className="hidden text-xs md:table-cell">{a.assignee ? a.assignee.name || a.assignee.email : <span className="text-zinc-400">—</span>}</TD>
              <TD className="hidden sm:table-cell">
                <AlertStatusBadge status={a.status} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>

      <Dialog open={dialog === "dismiss"} onOpenChange={(open) => setDialog(open ? "dismiss" : null)}>
        <DialogContent>
          <DialogTitle>Dismiss {count === 1 ? "1 alert" : `${count} alerts`}</DialogTitle>
          <DialogDescription>Say what it was, so whoever tunes the rule can learn from it. False positives count against the rule.</DialogDescription>
          <DismissFields pending={pending} state={state} onSubmit={(fields) => run({ action: "dismiss", ...fields })} />
        </DialogContent>
      </Dialog>
      <Dialog open={dialog === "assign"} onOpenChange={(open) => setDialog(open ? "assign" : null)}>
        <DialogContent>
          <DialogTitle>Assign {count === 1 ? "1 alert" : `${count} alerts`}</DialogTitle>
          <DialogDescription>Alerts go to members of the security team.</DialogDescription>
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              run({ action: "assign", assigneeId: String(new FormData(e.currentTarget).get("assigneeId") ?? "") });
            }}
          >
            <Field label="Assignee" htmlFor="bulk-assignee" error={state.fieldErrors?.assigneeId?.[0]}>
              <Select id="bulk-assignee" name="assigneeId" defaultValue={assignees[0]?.id} required>
                {assignees.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.email})
                  </option>
                ))}
              </Select>
            </Field>
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={() => setDialog(null)}>Cancel</Button>
              <Button type="submit" disabled={pending}>Assign</Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
      {cases ? (
        <Dialog open={dialog === "case"} onOpenChange={(open) => setDialog(open ? "case" : null)}>
          <DialogContent>
            <DialogTitle>Add {count === 1 ? "1 alert" : `${count} alerts`} to a case</DialogTitle>
            <DialogDescription>The alerts are linked to the case and their observables join it.</DialogDescription>
            <CaseAddToForm action={cases.addAction} cases={cases.openCases} hidden={{ alertIds: targets().map(String) }} idPrefix="bulk-case" />
          </DialogContent>
        </Dialog>
      ) : null}
      <Dialog open={dialog === "help"} onOpenChange={(open) => setDialog(open ? "help" : null)}>
        <DialogContent>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>They work anywhere on the queue outside a text field.</DialogDescription>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt>
                  <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800">{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </DialogContent>
      </Dialog>
    </div>
  );
}

/** Kind and reason of a dismissal; the reason is required. */
export function DismissFields({ pending, state, onSubmit, idPrefix = "dismiss" }: { pending: boolean; state: ActionState; onSubmit: (fields: { dismissal: string; reason: string }) => void; idPrefix?: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const reason = String(data.get("reason") ?? "").trim();
        if (reason.length < 3) return setError("Give a reason (a few words: what it was, who confirmed it).");
        setError(null);
        onSubmit({ dismissal: String(data.get("dismissal")), reason });
      }}
    >
      <Field label="What was it?" htmlFor={`${idPrefix}-kind`} error={state.fieldErrors?.dismissal?.[0]}>
        <Select id={`${idPrefix}-kind`} name="dismissal" defaultValue="FALSE_POSITIVE">
          {DISMISSALS.map((d) => (
            <option key={d} value={d}>
              {DISMISSAL_LABELS[d]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reason" htmlFor={`${idPrefix}-reason`} error={error ?? state.fieldErrors?.reason?.[0]} hint="Required. Who confirmed it, the ticket or change it belongs to.">
        <Textarea id={`${idPrefix}-reason`} name="reason" rows={3} maxLength={2000} aria-invalid={error ? true : undefined} aria-describedby={`${idPrefix}-reason-hint${error ? ` ${idPrefix}-reason-error` : ""}`} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          Dismiss
        </Button>
      </div>
    </form>
  );
}
