"use client";
// "Preserve logs": a time range and devices (the case's device observables, or typed node ids
// and names) whose Tailscale audit events and flow records are copied into the case.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function EvidencePreserveLogs({ reference, suggested, defaultFrom, defaultTo }: { reference: string; suggested: string[]; defaultFrom: string; defaultTo: string }) {
  const router = useRouter();
  const [from, setFrom] = useState(local(new Date(defaultFrom)));
  const [to, setTo] = useState(local(new Date(defaultTo)));
  const [picked, setPicked] = useState<string[]>(suggested);
  const [typed, setTyped] = useState("");
  const [include, setInclude] = useState({ audit: true, flow: true });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "danger"; text: string } | null>(null);

  const submit = async () => {
    const devices = [...picked, ...typed.split(/[\s,]+/).filter(Boolean)];
    setBusy(true);
    setResult(null);
    try {
      const response = await fetch(`/api/v1/cases/${encodeURIComponent(reference)}/evidence/preserve-logs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from: from ? new Date(from).toISOString() : null, to: to ? new Date(to).toISOString() : null, devices, include: Object.entries(include).filter(([, v]) => v).map(([k]) => k) }),
      });
      const body = await response.json();
      if (response.status === 201) {
        setResult({ tone: "success", text: `Preserved as ${body.evidence.name}.` });
        router.refresh();
      } else setResult({ tone: "danger", text: body.error?.message ?? `Failed (HTTP ${response.status}).` });
    } catch {
      setResult({ tone: "danger", text: "The server could not be reached." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="From" htmlFor="preserve-from">
          <Input {...fieldControlProps("preserve-from")} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To" htmlFor="preserve-to">
          <Input {...fieldControlProps("preserve-to")} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      {suggested.length ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">The case&apos;s devices</legend>
          {suggested.map((d) => (
            <div key={d} className="flex items-center gap-2">
              <Checkbox id={`preserve-device-${d}`} checked={picked.includes(d)} onChange={(e) => { const on = e.target.checked; setPicked((p) => (on ? [...p, d] : p.filter((x) => x !== d))); }} />
              <Label htmlFor={`preserve-device-${d}`} className="break-all font-mono text-xs">{d}</Label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <Field label="Other devices" htmlFor="preserve-devices" hint="Node ids or device names, separated by commas or spaces">
        <Input {...fieldControlProps("preserve-devices", { hint: true })} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="nAbC123CNTRL, db-1" />
      </Field>
      <div className="flex flex-wrap gap-4">
        {(["audit", "flow"] as const).map((k) => (
          <div key={k} className="flex items-center gap-2">
            <Checkbox id={`preserve-${k}`} checked={include[k]} onChange={(e) => { const on = e.target.checked; setInclude((s) => ({ ...s, [k]: on })); }} />
            <Label htmlFor={`preserve-${k}`}>{k === "audit" ? "Audit events" : "Flow records"}</Label>
          </div>
        ))}
      </div>
      {result ? <Alert tone={result.tone}><span className="break-all">{result.text}</span></Alert> : null}
      <Button variant="secondary" onClick={submit} disabled={busy}>
        {busy ? "Preserving…" : "Preserve logs"}
      </Button>
    </div>
  );
}
