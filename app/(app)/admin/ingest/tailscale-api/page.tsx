import type { Metadata } from "next";
import Link from "next/link";
import { CursorStatus } from "@/components/poller/cursor-status";
import { PollNow } from "@/components/poller/poll-now";
import { PollerSettingsForm } from "@/components/poller/poller-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getPollerSettingsForAdmin } from "@/lib/ingest/poller/poller-settings";
import { listPollerCursors } from "@/lib/ingest/poller/poller-status";
import { pollNowAction, savePollerSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Tailscale API" };

export default async function TailscaleApiPage() {
  const viewer = await requirePermission("settings.manage");
  const [settings, cursors] = await Promise.all([getPollerSettingsForAdmin({ viewer }), listPollerCursors({ viewer })]);
  return (
    <>
      <PageHeader
        title="Tailscale API"
        description={
          <>
            Fetches configuration audit logs and network flow logs from Tailscale&apos;s API, for backfill and for tailnets without log streaming. Other ways in are on{" "}
            <Link href="/admin/ingest" className="font-medium text-indigo-700 underline dark:text-indigo-300">Ingest</Link>.
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <PollerSettingsForm settings={settings} action={savePollerSettingsAction} />
        <div className="flex flex-col gap-6 self-start">
          <Card>
            <CardHeader>
              <CardTitle>Poll now</CardTitle>
              <CardDescription>
                {settings.enabled ? `Polls run every ${settings.intervalMinutes} minute${settings.intervalMinutes === 1 ? "" : "s"} in the background.` : "Polling is off: turn it on and save first."}
              </CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              <PollNow action={pollNowAction} disabled={!settings.enabled} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Status</CardTitle>
              <CardDescription>Each log type resumes from its cursor: records up to it are stored.</CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              <CursorStatus rows={cursors} polled={settings.enabled ? settings.logTypes : []} />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
