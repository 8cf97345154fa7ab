import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTimeSeconds } from "@/lib/format";
import { getNotificationSettingsForAdmin } from "@/lib/notifications/settings";
import { listDeliveries } from "@/lib/notifications/test-and-list";
import { NotificationSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Notifications" };
const TONE = { SENT: "success", PENDING: "info", FAILED: "danger" } as const;

export default async function NotificationsPage() {
  const viewer = await requirePermission("settings.manage");
  const [settings, deliveries] = await Promise.all([getNotificationSettingsForAdmin({ viewer }), listDeliveries({ viewer })]);
  return (
    <>
      <PageHeader title="Notifications" description="Where Countersign tells people about new reports. Deliveries go through the job queue and are retried with backoff." />
      {settings.unreadableSecrets ? (
        <Alert tone="warning" title="Some secrets must be entered again" className="mb-6">
          They were saved under another NEXTAUTH_SECRET and cannot be read.
        </Alert>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <NotificationSettingsForm settings={settings} />
        <Card className="self-start">
          <CardHeader><CardTitle>Recent deliveries</CardTitle></CardHeader>
          <CardContent>
            {deliveries.length === 0 ? (
              <EmptyState title="Nothing sent yet" />
            ) : (
              <Table>
                <THead>
                  <TR><TH>When</TH><TH>Event</TH><TH>To</TH><TH>Status</TH></TR>
                </THead>
                <TBody>
                  {deliveries.map((d) => (
                    <TR key={d.id}>
                      <TD className="whitespace-nowrap text-xs">{formatDateTimeSeconds(d.createdAt)}</TD>
                      <TD className="text-xs">{d.event}</TD>
                      <TD className="max-w-48 truncate text-xs" title={d.destination}>{d.channel.toLowerCase()}: {d.destination}</TD>
                      <TD>
                        <Badge tone={TONE[d.status]}>{d.status.toLowerCase()}{d.attempts > 1 ? ` (${d.attempts} tries)` : ""}</Badge>
                        {d.lastError ? <p className="mt-1 max-w-56 break-words text-xs text-red-600 dark:text-red-400">{d.lastError}</p> : null}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
