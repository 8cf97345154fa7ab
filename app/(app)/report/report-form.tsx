"use client";
// The report form. Everything typed is kept as a draft in this browser until the report is
// filed, so an expired session or a closed tab loses nothing (attachments must be re-added).
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { CircleCheck } from "lucide-react";
import { FormStatus, fieldError } from "@/components/form-status";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fileReportAction } from "./actions";
import { useActionForm } from "@/components/use-action-form";

const DRAFT_KEY = "countersign:report-draft";
type Option = { value: string; label: string };

export function ReportForm(props: {
  categories: Option[];
  signs: Option[];
  urgencies: Option[];
  visibilities: Record<"STANDARD" | "SENSITIVE" | "COO_ONLY", { label: string; explanation: string }>;
  attachmentRules: { max: number; maxMb: number; accept: string };
  /** Known Tailscale device names, suggested for "device concerned". */
  devices: string[];
}) {
  const { state, onSubmit, pending } = useActionForm(fileReportAction);
  const formRef = useRef<HTMLFormElement>(null);
  const [category, setCategory] = useState("");
  const [restored, setRestored] = useState(false);
  const isConduct = category === "CODE_OF_CONDUCT";

  // Restore a draft once, after mount (localStorage is not there during server rendering).
  useEffect(() => {
    const form = formRef.current;
    const raw = window.localStorage.getItem(DRAFT_KEY);
    if (!form || !raw) return;
    try {
      const draft = JSON.parse(raw) as Record<string, string | string[]>;
      for (const [name, value] of Object.entries(draft)) {
        const elements = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`);
        elements.forEach((el) => {
          if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) el.checked = ([] as string[]).concat(value).includes(el.value);
          else if (!(el instanceof HTMLInputElement && el.type === "file")) el.value = String(value);
        });
      }
      // eslint-disable-next-line react-hooks/set-state-in-effect -- syncing from browser storage once
      setCategory(String(draft.category ?? ""));
      setRestored(true);
    } catch {
      window.localStorage.removeItem(DRAFT_KEY);
    }
  }, []);

  useEffect(() => {
    if (state.ok && state.result?.reference) window.localStorage.removeItem(DRAFT_KEY);
  }, [state]);

  function saveDraft() {
    const form = formRef.current;
    if (!form) return;
    const draft: Record<string, string | string[]> = {};
    for (const [name, value] of new FormData(form).entries()) {
      if (typeof value !== "string" || name.startsWith("$")) continue;
      draft[name] = name in draft ? ([] as string[]).concat(draft[name]!, value) : name === "signs" ? [value] : value;
    }
    window.localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }

  if (state.ok && state.result?.reference) {
    const reference = state.result.reference;
    return (
      <Card className="max-w-xl">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <CircleCheck aria-hidden className="size-5 text-emerald-600" /> Report received
          </CardTitle>
          <CardDescription>Thank you. Keep this reference; the security team may ask you questions there.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <p className="font-mono text-2xl font-semibold tracking-tight" data-testid="report-reference">
            {reference}
          </p>
          <div className="flex flex-wrap gap-2">
            <Link href={`/reports/${reference}`} className={buttonClasses({})}>
              Follow this report
            </Link>
            {/* A full page load, so the form starts empty. */}
            <a href="/report" className={buttonClasses({ variant: "secondary" })}>
              Report something else
            </a>
          </div>
        </CardContent>
      </Card>
    );
  }

  const visibilityOptions = isConduct ? (["COO_ONLY"] as const) : (["STANDARD", "SENSITIVE"] as const);
  return (
    <form ref={formRef} onSubmit={onSubmit} onInput={saveDraft} onChange={saveDraft} className="flex max-w-3xl flex-col gap-6" noValidate>
      {restored ? <Alert tone="info" title="Your draft is back">We kept what you typed last time. Attachments need adding again.</Alert> : null}
      <FormStatus state={state} />
      <Card>
        <CardContent className="grid gap-5 pt-6 md:grid-cols-2">
          <Field label="What happened?" htmlFor="category" error={fieldError(state, "category")}>
            <Select id="category" name="category" required value={category} onChange={(e) => setCategory(e.target.value)} aria-invalid={fieldError(state, "category") ? true : undefined}>
              <option value="" disabled>
                Choose a category
              </option>
              {props.categories.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="How urgent does it feel?" htmlFor="urgency" error={fieldError(state, "urgency")}>
            <Select id="urgency" name="urgency" defaultValue="NORMAL">
              {props.urgencies.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="md:col-span-2">
            <legend className="mb-2 text-sm font-medium">Signs you noticed (optional)</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {props.signs.map((s) => (
                <label key={s.value} className="flex items-center gap-2 text-sm">
                  <Checkbox name="signs" value={s.value} />
                  {s.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="md:col-span-2">
            <Field label="Describe what you saw" htmlFor="description" error={fieldError(state, "description")} hint="What, where, who, and anything you already did about it.">
              <Textarea id="description" name="description" rows={6} required maxLength={20000} aria-invalid={fieldError(state, "description") ? true : undefined} />
            </Field>
          </div>
          <Field label="When did you notice it? (optional)" htmlFor="noticedAt" error={fieldError(state, "noticedAt")}>
            <Input id="noticedAt" name="noticedAt" type="datetime-local" aria-invalid={fieldError(state, "noticedAt") ? true : undefined} />
          </Field>
          <Field label="Your time zone" htmlFor="noticedTimeZone" error={fieldError(state, "noticedTimeZone")}>
            <TimeZoneInput />
          </Field>
          <div className="md:col-span-2">
            <Field label="Device, system or person concerned (optional)" htmlFor="concerned" error={fieldError(state, "concerned")} hint="A laptop name, a server, a website, or a colleague. Known Tailscale devices are suggested as you type.">
              <Input id="concerned" name="concerned" maxLength={500} list={props.devices.length ? "known-devices" : undefined} autoComplete="off" />
              {props.devices.length > 0 && (
                <datalist id="known-devices">
                  {props.devices.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              )}
            </Field>
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Who may read it</CardTitle>
        </CardHeader>
        <CardContent>
          <fieldset className="flex flex-col gap-3">
            <legend className="sr-only">Who may read it</legend>
            {visibilityOptions.map((v, i) => (
              <label key={v} className="flex items-start gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50/60 dark:border-zinc-800 dark:has-[:checked]:border-indigo-700 dark:has-[:checked]:bg-indigo-950/30">
                <input type="radio" name="visibility" value={v} defaultChecked={i === 0} className="mt-0.5 accent-indigo-600" />
                <span>
                  <span className="font-medium">{props.visibilities[v].label}</span>
                  <span className="block text-zinc-600 dark:text-zinc-400">{props.visibilities[v].explanation}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-6">
          <Field
            label="Attachments (optional)"
            htmlFor="attachments"
            error={fieldError(state, "attachments")}
            hint={`Screenshots or files: up to ${props.attachmentRules.max}, ${props.attachmentRules.maxMb} MB each.`}
          >
            <Input id="attachments" name="attachments" type="file" multiple accept={props.attachmentRules.accept} />
          </Field>
        </CardContent>
      </Card>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Sending…" : "Send report"}
      </Button>
    </form>
  );
}

function TimeZoneInput() {
  const [zone] = useState(() => (typeof Intl === "undefined" ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone));
  return <Input id="noticedTimeZone" name="noticedTimeZone" defaultValue={zone} maxLength={64} suppressHydrationWarning />;
}
