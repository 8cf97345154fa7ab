import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { IngestSettingsForm } from "@/components/ingest/ingest-settings-form";
import { RevokeSourceDialog } from "@/components/ingest/revoke-source-dialog";
import { StreamTokenForm } from "@/components/ingest/stream-token-form";
import { formatAgo } from "@/components/ingest/format";
import { requirePermission } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getIngestSettings } from "@/lib/ingest/settings";
import { listIngestSources } from "@/lib/ingest/sources";
import { createStreamTokenAction, revokeStreamTokenAction, saveIngestSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Log sources" };

const KIND_LABEL = { STREAM: "stream", IMPORT: "file import", POLLER: "API poller" } as const;

/** The origin Tailscale should post to: NEXTAUTH_URL when set, else what this request came to. */
async function appOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

export default async function LogSourcesPage() {
  const viewer = await requirePermission("settings.manage");
  const [sources, settings, origin] = await Promise.all([listIngestSources({ viewer }), getIngestSettings(), appOrigin()]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Log sources"
        description="Where Tailscale's configuration and network flow logs come in: streaming tokens, file imports and the API poller, and how long the logs are kept."
      />
      <div className="-mt-2 mb-6 flex flex-wrap gap-2">
        <Link href="/ingest" className={buttonClasses({ variant: "secondary", size: "sm" })}>Ingest status</Link>
        <Link href="/admin/ingest/tailscale-api" className={buttonClasses({ variant: "secondary", size: "sm" })}>Tailscale API poller</Link>
      </div>
      <div className="flex flex-col gap-6">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Card>
            <CardHeader>
              <CardTitle>New streaming token</CardTitle>
              <CardDescription>
                For Tailscale&apos;s log streaming (Splunk or Panther destination). Each token is a named source; every record remembers it.
              </CardDescription>
            </CardHeader>
            <CardContent className="pb-5">
              <StreamTokenForm action={createStreamTokenAction} endpoint={`${origin}/services/collector/event`} />
            </CardContent>
          </Card>
          <Card className="self-start">
            <CardHeader>
              <CardTitle>Other ways in</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 pb-5 text-sm text-zinc-700 dark:text-zinc-300">
              <p>
                <strong>Files</strong>: upload a .json, .ndjson, .gz or .zst file on the <Link className="font-medium underline" href="/ingest/import">import page</Link>, or
                load a file or an S3 export folder from the server with <code className="font-mono text-xs">npm run countersign -- import &lt;path&gt;</code>.
              </p>
              <p>
                <strong>Tailscale API</strong>: for backfill and tailnets without streaming, the <Link className="font-medium underline" href="/admin/ingest/tailscale-api">Tailscale API poller</Link> fetches both logs on a schedule.
              </p>
              <p>
                <strong>CLI</strong>: <code className="font-mono text-xs">npm run countersign -- ingest-token create --name N</code> creates a streaming token as well.
              </p>
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader>
            <CardTitle>Sources</CardTitle>
            <CardDescription>Revoking a token refuses its stream at once; stored records stay.</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            {sources.length === 0 ? (
              <EmptyState title="No sources yet" description="Create a streaming token above, or import a file." />
            ) : (
              <Table containerClassName="relative">
                <THead>
                  <TR>
                    <TH>Name</TH>
                    <TH>Kind</TH>
                    <TH>Token</TH>
                    <TH>Created</TH>
                    <TH>Last request</TH>
                    <TH>Last record</TH>
                    <TH>Last error</TH>
                    <TH><span className="sr-only">Status and actions</span></TH>
                  </TR>
                </THead>
                <TBody>
                  {sources.map((s) => (
                    <TR key={s.id} data-testid={`source-${s.name}`}>
                      <TD className="max-w-56 font-medium break-words text-zinc-900 dark:text-zinc-100">{s.name}</TD>
                      <TD className="whitespace-nowrap">{KIND_LABEL[s.kind]}</TD>
                      <TD>{s.tokenPrefix ? <code className="font-mono text-xs">{s.tokenPrefix}…</code> : <span className="text-zinc-400">–</span>}</TD>
                      <TD className="whitespace-nowrap text-xs">{formatDateTime(s.createdAt)}</TD>
                      <TD className="whitespace-nowrap text-xs" title={formatDateTime(s.lastRequestAt)}>{s.kind === "STREAM" ? formatAgo(s.lastRequestAt, now) : "–"}</TD>
                      <TD className="whitespace-nowrap text-xs" title={formatDateTime(s.lastRecordAt)}>{formatAgo(s.lastRecordAt, now)}</TD>
                      <TD className="max-w-72 text-xs">
                        {s.lastError ? (
                          <span className="block break-words text-red-700 dark:text-red-400" title={formatDateTime(s.lastErrorAt)}>
                            {s.lastError}
                            <span className="block text-zinc-500 dark:text-zinc-400">{formatAgo(s.lastErrorAt, now)}</span>
                          </span>
                        ) : (
                          <span className="text-zinc-400">none</span>
                        )}
                      </TD>
                      <TD className="text-right whitespace-nowrap">
                        {s.revokedAt ? (
                          <Badge tone="danger" title={formatDateTime(s.revokedAt)}>revoked {formatAgo(s.revokedAt, now)}</Badge>
                        ) : s.kind === "STREAM" ? (
                          <RevokeSourceDialog action={revokeStreamTokenAction} sourceId={s.id} name={s.name} />
                        ) : null}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Retention and warnings</CardTitle>
          </CardHeader>
          <CardContent className="pb-5">
            <IngestSettingsForm action={saveIngestSettingsAction} settings={settings} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
