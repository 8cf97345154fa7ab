"use client";
// Settings of the Tailscale API poller. Secret fields are write-only: empty keeps what is stored.
import { useState } from "react";
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionState } from "@/lib/actions/types";

export type PollerSettingsFormValues = {
  enabled: boolean;
  tailnet: string;
  apiUrl: string;
  defaultApiUrl: string;
  authMethod: "token" | "oauth";
  hasApiToken: boolean;
  oauthClientId: string;
  hasOauthClientSecret: boolean;
  logTypes: string[];
  backfillHours: number;
  intervalMinutes: number;
  unreadableSecrets: boolean;
};

type Props = { settings: PollerSettingsFormValues; action: (prev: ActionState, form: FormData) => Promise<ActionState> };

export function PollerSettingsForm({ settings, action }: Props) {
  const { state, onSubmit, pending } = useActionForm(action);
  const [method, setMethod] = useState(settings.authMethod);
  const err = (name: string) => fieldError(state, name);
  const hints = {
    apiToken: settings.hasApiToken ? "Set. Leave empty to keep it." : "From Settings → Keys in Tailscale's admin console (tskey-api-…); it expires after at most 90 days.",
    oauthClientSecret: settings.hasOauthClientSecret ? "Set. Leave empty to keep it." : "Shown once when the client is created (tskey-client-…).",
    apiUrl: `Leave empty for ${settings.defaultApiUrl}. Changing it asks for the token or secret again.`,
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
      <FormStatus state={state} />
      <Card>
        <CardHeader>
          <CardTitle>Tailnet and credentials</CardTitle>
          <CardDescription>
            Read-only access is enough: an OAuth client with the scopes logs:configuration:read and logs:network:read, or an API access token of an admin.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 md:grid-cols-2">
          {settings.unreadableSecrets ? (
            <Alert tone="warning" title="Enter the credentials again" className="md:col-span-2">
              They were sealed under another NEXTAUTH_SECRET and cannot be read; polling stops until they are entered again.
            </Alert>
          ) : null}
          <label className="flex items-center gap-2 text-sm font-medium md:col-span-2">
            <Checkbox name="enabled" defaultChecked={settings.enabled} /> Poll Tailscale&apos;s API
          </label>
          <Field label="Tailnet" htmlFor="tailnet" error={err("tailnet")} hint="Its name (example.com) or ID; - is the tailnet of the credentials.">
            <Input {...fieldControlProps("tailnet", { hint: true, error: err("tailnet") })} name="tailnet" defaultValue={settings.tailnet} maxLength={200} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Authentication" htmlFor="authMethod" error={err("authMethod")}>
            <Select {...fieldControlProps("authMethod", { error: err("authMethod") })} name="authMethod" value={method} onChange={(e) => setMethod(e.target.value === "oauth" ? "oauth" : "token")}>
              <option value="token">API access token</option>
              <option value="oauth">OAuth client</option>
            </Select>
          </Field>
          {/* Both methods stay in the form, so switching back and forth loses nothing. */}
          <div className="md:col-span-2" hidden={method !== "token"}>
            <Field label="API access token" htmlFor="apiToken" error={err("apiToken")} hint={hints.apiToken}>
              <Input {...fieldControlProps("apiToken", { hint: true, error: err("apiToken") })} name="apiToken" type="password" autoComplete="new-password" maxLength={1000} />
            </Field>
          </div>
          <div className="grid gap-4 md:col-span-2 md:grid-cols-2" hidden={method !== "oauth"}>
            <Field label="OAuth client id" htmlFor="oauthClientId" error={err("oauthClientId")}>
              <Input {...fieldControlProps("oauthClientId", { error: err("oauthClientId") })} name="oauthClientId" defaultValue={settings.oauthClientId} maxLength={200} autoComplete="off" spellCheck={false} />
            </Field>
            <Field label="OAuth client secret" htmlFor="oauthClientSecret" error={err("oauthClientSecret")} hint={hints.oauthClientSecret}>
              <Input {...fieldControlProps("oauthClientSecret", { hint: true, error: err("oauthClientSecret") })} name="oauthClientSecret" type="password" autoComplete="new-password" maxLength={1000} />
            </Field>
          </div>
          <Field label="API URL (optional)" htmlFor="apiUrl" error={err("apiUrl")} hint={hints.apiUrl} className="md:col-span-2">
            <Input {...fieldControlProps("apiUrl", { hint: true, error: err("apiUrl") })} name="apiUrl" type="url" defaultValue={settings.apiUrl} placeholder={settings.defaultApiUrl} maxLength={500} autoComplete="off" />
          </Field>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>What to poll</CardTitle>
          <CardDescription>Records already stored (for instance from log streaming) are recognised and not stored twice.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 md:grid-cols-2">
          <fieldset className="space-y-2 md:col-span-2" aria-describedby={err("logTypes") ? "logTypes-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Logs</legend>
            <label className="flex items-center gap-2 text-sm">
              <Checkbox name="logTypes" value="configuration" defaultChecked={settings.logTypes.includes("configuration")} /> Configuration audit logs (kept 90 days by Tailscale)
            </label>
            <label className="flex items-center gap-2 text-sm">
              <Checkbox name="logTypes" value="network" defaultChecked={settings.logTypes.includes("network")} /> Network flow logs (kept 30 days; Premium and Enterprise plans)
            </label>
            {err("logTypes") ? (
              <p id="logTypes-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">{err("logTypes")}</p>
            ) : null}
          </fieldset>
          <Field label="Backfill window (hours)" htmlFor="backfillHours" error={err("backfillHours")} hint="How far back the first run reaches; network logs at most 720 hours (30 days).">
            <Input {...fieldControlProps("backfillHours", { hint: true, error: err("backfillHours") })} name="backfillHours" type="number" min={1} max={2160} defaultValue={settings.backfillHours} />
          </Field>
          <Field label="Polling interval (minutes)" htmlFor="intervalMinutes" error={err("intervalMinutes")} hint="Each run fetches from where the last one stopped.">
            <Input {...fieldControlProps("intervalMinutes", { hint: true, error: err("intervalMinutes") })} name="intervalMinutes" type="number" min={1} max={1440} defaultValue={settings.intervalMinutes} />
          </Field>
        </CardContent>
      </Card>
      <Button type="submit" disabled={pending} className="self-start">{pending ? "Saving…" : "Save settings"}</Button>
    </form>
  );
}
