"use client";
// The detection settings, grouped as the rules use them; each field says what it changes.
import type { ReactNode } from "react";
import { FormStatus } from "@/components/form-status";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useActionForm } from "@/components/use-action-form";
import type { DetectionSettings } from "@/lib/detections/settings-schema";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/detections/severity";
import { updateSettingsAction } from "../actions";
import { errorOf } from "@/lib/alerts/settings-form-data";

type Numbers = { name: string; label: string; value: number; hint?: string }[];

function Group({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 pb-5 sm:grid-cols-2 lg:grid-cols-4">{children}</CardContent>
    </Card>
  );
}

export function SettingsForm({ settings: s, companyDomainsInEffect }: { settings: DetectionSettings; companyDomainsInEffect: string[] }) {
  const { state, onSubmit, pending } = useActionForm(updateSettingsAction);
  const err = (name: string) => errorOf(state.fieldErrors, name);
  const id = (name: string) => `ds-${name.replace(".", "-")}`;
  const numbers = (fields: Numbers) =>
    fields.map((f) => (
      <Field key={f.name} label={f.label} htmlFor={id(f.name)} error={err(f.name)} hint={f.hint}>
        <Input {...fieldControlProps(id(f.name), { error: err(f.name), hint: f.hint })} name={f.name} inputMode="decimal" defaultValue={f.value} />
      </Field>
    ));
  const list = (name: keyof DetectionSettings, label: string, values: (string | number)[], hint: string, className = "sm:col-span-2") => (
    <Field label={label} htmlFor={id(name)} error={err(name)} hint={hint} className={className}>
      <Textarea {...fieldControlProps(id(name), { error: err(name), hint })} name={name} rows={4} className="font-mono text-xs" defaultValue={values.join("\n")} />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label="Detection settings">
      <FormStatus state={state} />
      <Group title="Notifications and people" description="Who belongs to the company, who may make changes to devices.">
        <Field label="Notify from severity" htmlFor="ds-notify" error={err("notifyMinSeverity")} hint="Alerts at or above this go to Slack, e-mail and webhooks.">
          <Select {...fieldControlProps("ds-notify", { error: err("notifyMinSeverity"), hint: "notify" })} name="notifyMinSeverity" defaultValue={s.notifyMinSeverity}>
            {SEVERITIES.map((v) => (
              <option key={v} value={v}>
                {SEVERITY_LABELS[v]}
              </option>
            ))}
          </Select>
        </Field>
        {list("companyDomains", "Company e-mail domains", s.companyDomains, `One per line. Empty: the domains of Countersign's users${companyDomainsInEffect.length ? ` (now ${companyDomainsInEffect.join(", ")})` : ""}.`)}
        {list("expectedDeviceOwners", "Expected device owners", s.expectedDeviceOwners, "Logins or tags allowed to approve and tag devices or make them routers and exit nodes. One per line.", "")}
      </Group>
      <Group title="Sensitive ports" description="Access to these from outside the allow-list raises an alert.">
        {list("sensitivePorts", "Ports", s.sensitivePorts, "Numbers, one per line or separated by commas.")}
        {list("sensitivePortAllowList", "Allowed sources", s.sensitivePortAllowList, "Addresses, CIDR ranges, node ids, tags or logins. One per line.")}
      </Group>
      <Group title="Port scans" description="A source reaching many ports or hosts within a window.">
        {numbers([
          { name: "portScan.windowMinutes", label: "Window (minutes)", value: s.portScan.windowMinutes },
          { name: "portScan.distinctPorts", label: "Distinct ports", value: s.portScan.distinctPorts },
          { name: "portScan.distinctHosts", label: "Distinct hosts", value: s.portScan.distinctHosts },
        ])}
      </Group>
      <Group title="Traffic volume" description="A pair carrying many times its own average.">
        {numbers([
          { name: "volume.windowMinutes", label: "Window (minutes)", value: s.volume.windowMinutes },
          { name: "volume.factor", label: "Times the average", value: s.volume.factor },
          { name: "volume.minBytes", label: "Ignore below (bytes)", value: s.volume.minBytes },
          { name: "volume.minWindows", label: "History needed (windows)", value: s.volume.minWindows },
        ])}
      </Group>
      <Group title="New listening ports" description="A port seen for the first time after the learning period.">
        {numbers([
          { name: "newPort.learningHours", label: "Learning period (hours)", value: s.newPort.learningHours },
          { name: "newPort.maxPort", label: "Highest port watched", value: s.newPort.maxPort, hint: "Higher ports are usually ephemeral." },
        ])}
      </Group>
      <Group title="Failed changes" description="Many configuration changes refused within a window.">
        {numbers([
          { name: "failedChanges.windowMinutes", label: "Window (minutes)", value: s.failedChanges.windowMinutes },
          { name: "failedChanges.threshold", label: "How many", value: s.failedChanges.threshold },
        ])}
      </Group>
      <Group title="Sign-in failures" description="Many failed sign-ins within a window.">
        {numbers([
          { name: "signInFailures.windowMinutes", label: "Window (minutes)", value: s.signInFailures.windowMinutes },
          { name: "signInFailures.threshold", label: "How many", value: s.signInFailures.threshold },
        ])}
      </Group>
      <div>
        <Button type="submit" disabled={pending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
