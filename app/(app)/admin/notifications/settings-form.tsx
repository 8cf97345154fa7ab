"use client";
// Notification destinations. Secret fields are write-only: empty keeps what is stored.
import { FormStatus, fieldError } from "@/components/form-status";
import { useActionForm } from "@/components/use-action-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { saveNotificationSettingsAction, sendTestAction } from "./actions";

type Settings = {
  slack: { enabled: boolean; hasWebhookUrl: boolean; webhookHost: string | null };
  email: { enabled: boolean; host: string; port: number; secure: boolean; user: string; from: string; hasPassword: boolean };
  webhook: { enabled: boolean; url: string; hasSecret: boolean };
};

export function NotificationSettingsForm({ settings }: { settings: Settings }) {
  const { state, onSubmit, pending } = useActionForm(saveNotificationSettingsAction);
  const test = useActionForm(sendTestAction);
  const err = (name: string) => fieldError(state, name);
  const toggle = (name: string, label: string, checked: boolean) => (
    <label className="flex items-center gap-2 text-sm font-medium">
      <Checkbox name={name} defaultChecked={checked} /> {label}
    </label>
  );
  const testButton = (channel: string) => (
    <form onSubmit={test.onSubmit}>
      <input type="hidden" name="channel" value={channel} />
      <Button type="submit" size="sm" variant="secondary" disabled={test.pending}>Send test</Button>
    </form>
  );
  return (
    <div className="flex flex-col gap-6">
      <FormStatus state={test.state} successTitle="Test sent" />
      <form onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
        <FormStatus state={state} />
        <Card>
          <CardHeader>
            <CardTitle>Slack</CardTitle>
            <CardDescription>An incoming webhook for #incident-response. Sealed reports are announced without any content.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {toggle("slackEnabled", "Send to Slack", settings.slack.enabled)}
            <Field label="Incoming webhook URL" htmlFor="slackWebhookUrl" error={err("slackWebhookUrl")} hint={settings.slack.hasWebhookUrl ? `Set (${settings.slack.webhookHost}). Leave empty to keep it.` : "https://hooks.slack.com/services/…"}>
              <Input id="slackWebhookUrl" name="slackWebhookUrl" type="url" autoComplete="off" maxLength={2000} />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Email</CardTitle>
            <CardDescription>New reports go to the Security Review Team and the COO (COO-only reports to the COO alone); reporters hear when the team writes to them.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-2">
            <div className="md:col-span-2">{toggle("emailEnabled", "Send email", settings.email.enabled)}</div>
            <Field label="SMTP host" htmlFor="smtpHost" error={err("smtpHost")}>
              <Input id="smtpHost" name="smtpHost" defaultValue={settings.email.host} maxLength={255} />
            </Field>
            <Field label="Port" htmlFor="smtpPort" error={err("smtpPort")}>
              <Input id="smtpPort" name="smtpPort" type="number" defaultValue={settings.email.port} min={1} max={65535} />
            </Field>
            <Field label="User (optional)" htmlFor="smtpUser" error={err("smtpUser")}>
              <Input id="smtpUser" name="smtpUser" defaultValue={settings.email.user} autoComplete="off" maxLength={255} />
            </Field>
            <Field label="Password" htmlFor="smtpPassword" hint={settings.email.hasPassword ? "Set. Leave empty to keep it." : undefined}>
              <Input id="smtpPassword" name="smtpPassword" type="password" autoComplete="new-password" maxLength={1000} />
            </Field>
            <Field label="From" htmlFor="emailFrom" error={err("emailFrom")}>
              <Input id="emailFrom" name="emailFrom" defaultValue={settings.email.from} maxLength={320} />
            </Field>
            <div className="flex items-end">{toggle("smtpSecure", "TLS from the start (port 465)", settings.email.secure)}</div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Outgoing webhook</CardTitle>
            <CardDescription>JSON POSTs for other tools, signed: X-Countersign-Signature is sha256= the HMAC-SHA256 of “timestamp.body” with the secret; the timestamp is in X-Countersign-Timestamp.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 md:grid-cols-2">
            <div className="md:col-span-2">{toggle("webhookEnabled", "Send to the webhook", settings.webhook.enabled)}</div>
            <Field label="URL" htmlFor="webhookUrl" error={err("webhookUrl")}>
              <Input id="webhookUrl" name="webhookUrl" type="url" defaultValue={settings.webhook.url} maxLength={2000} />
            </Field>
            <Field label="Signing secret" htmlFor="webhookSecret" hint={settings.webhook.hasSecret ? "Set. Leave empty to keep it." : "Any long random string; the receiver keeps the same."}>
              <Input id="webhookSecret" name="webhookSecret" type="password" autoComplete="new-password" maxLength={1000} />
            </Field>
          </CardContent>
        </Card>
        <Button type="submit" disabled={pending} className="self-start">{pending ? "Saving…" : "Save settings"}</Button>
      </form>
      <Card>
        <CardHeader>
          <CardTitle>Test a destination</CardTitle>
          <CardDescription>Sends now with the saved settings; the test email goes to you.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-6">
          {(["SLACK", "EMAIL", "WEBHOOK"] as const).map((c) => (
            <div key={c} className="flex items-center gap-2 text-sm">
              <span className="w-20 font-medium">{c.toLowerCase()}</span>
              {testButton(c)}
            </div>
          ))}
        </CardContent>
      </Card>
    </div>
  );
}
