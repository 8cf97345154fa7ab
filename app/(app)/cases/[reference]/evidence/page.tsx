import type { Metadata } from "next";
import { Download, Search } from "lucide-react";
import { CastPlayer } from "@/components/cases/cast-player";
import { EvidenceCopyHash, EvidenceSeek, EvidenceVerify } from "@/components/cases/evidence-actions";
import { EvidencePreserveLogs } from "@/components/cases/evidence-preserve-logs";
import { EvidenceUpload } from "@/components/cases/evidence-upload";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { requirePermission } from "@/lib/auth/session";
import { evidenceConfig, formatBytes } from "@/lib/cases/evidence/config";
import { evidenceTabContext, listEvidence, type EvidenceItem } from "@/lib/cases/evidence/evidence-records";
import { formatOffset } from "@/lib/cases/evidence/format";
import { firstValues, orNotFoundPage } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "Evidence" };

const KIND_LABEL: Record<string, string> = { FILE: "File", CAST: "Session recording", LOG_EXPORT: "Preserved logs" };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function EvidencePage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("cases.access");
  const { reference: raw } = await params;
  const reference = decodeURIComponent(raw);
  const { q } = firstValues(await searchParams);
  const context = await orNotFoundPage(evidenceTabContext({ viewer, reference }));
  const list = await orNotFoundPage(listEvidence({ viewer, reference, q: q?.slice(0, 200) }));
  const { maxBytes } = evidenceConfig();

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] [&>*]:min-w-0">
      <section aria-labelledby="evidence-heading" className="grid content-start gap-4 [&>*]:min-w-0">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="evidence-heading" className="text-lg font-semibold tracking-tight">
            Evidence <span className="text-sm font-normal text-zinc-500">{context.reference}</span>
          </h2>
          <form role="search" method="get" className="flex w-full min-w-0 gap-2 sm:w-auto">
            <label htmlFor="evidence-q" className="sr-only">Search evidence</label>
            <Input id="evidence-q" name="q" defaultValue={q ?? ""} placeholder="Text, name or SHA-256" className="min-w-0 sm:w-64" maxLength={200} />
            <button type="submit" className={buttonClasses({ variant: "secondary" })}>
              <Search aria-hidden="true" /> Search
            </button>
          </form>
        </div>
        {q ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {list.items.length} {list.items.length === 1 ? "item matches" : "items match"} “{q}”. <a href="?" className="text-indigo-600 hover:underline dark:text-indigo-400">Show all</a>
          </p>
        ) : null}
        {list.items.length === 0 ? (
          <EmptyState title={q ? "Nothing matches" : "No evidence yet"} description={q ? "Try other words, a file name or the start of a SHA-256." : "Upload files, Tailscale SSH session recordings (.cast), or preserve the logs of the devices involved."} />
        ) : (
          <ul className="grid gap-4" aria-label="Evidence items">
            {list.items.map((item) => (
              <li key={item.id}>
                <EvidenceCard reference={context.reference} item={item} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside className="grid content-start gap-4 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>Add evidence</CardTitle>
            <CardDescription>Hashed with SHA-256 as it arrives; every download is recorded.</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            <EvidenceUpload reference={context.reference} maxBytesLabel={formatBytes(maxBytes)} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Preserve logs</CardTitle>
            <CardDescription>Copy the Tailscale audit events and flow records of these devices into the case, so they outlive log retention.</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            <EvidencePreserveLogs reference={context.reference} suggested={context.devices} defaultFrom={context.from.toISOString()} defaultTo={context.to.toISOString()} />
          </CardContent>
        </Card>
      </aside>
    </div>
  );
}

function EvidenceCard({ reference, item }: { reference: string; item: EvidenceItem }) {
  const href = `/api/v1/cases/${encodeURIComponent(reference)}/evidence/${encodeURIComponent(item.id)}`;
  const meta = (item.meta ?? {}) as Record<string, unknown>;
  const manifest = (meta.manifest ?? null) as { count: number; audit: number; flow: number; sha256: string; from: string; to: string; devices: { nodeId: string; name: string | null }[] } | null;
  return (
    <Card data-evidence-id={item.id}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="min-w-0 break-all text-base font-semibold">{item.name}</h3>
          <Badge tone={item.kind === "FILE" ? "neutral" : "info"}>{KIND_LABEL[item.kind] ?? item.kind}</Badge>
        </div>
        <CardDescription>
          {formatBytes(item.size)} · {item.contentType} · added by {item.addedBy?.name ?? item.addedBy?.email ?? "the system"} on {utc(item.createdAt)}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3 pb-5">
        <div className="text-sm">
          <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">SHA-256</span>
          <EvidenceCopyHash sha256={item.sha256} />
        </div>
        {item.description ? <p className="text-sm whitespace-pre-wrap">{item.description}</p> : null}
        {item.kind === "CAST" ? (
          <>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {[meta.srcNodeUser || meta.srcNode ? `from ${String(meta.srcNodeUser ?? "")}${meta.srcNode ? ` on ${String(meta.srcNode)}` : ""}` : null, meta.sshUser ? `as ${String(meta.sshUser)}` : null, typeof meta.duration === "number" ? `${formatOffset(meta.duration)} long` : null].filter(Boolean).join(" · ")}
            </p>
            <CastPlayer evidenceId={item.id} src={`${href}?purpose=play`} cols={typeof meta.width === "number" ? meta.width : undefined} rows={typeof meta.height === "number" ? meta.height : undefined} />
          </>
        ) : null}
        {manifest ? (
          <div className="space-y-1 text-sm">
            <p>
              {plural(manifest.count, "record")} ({plural(manifest.audit, "audit event")}, {plural(manifest.flow, "flow record")}), {utc(new Date(manifest.from))} to {utc(new Date(manifest.to))}, devices {manifest.devices.map((d) => d.name ?? d.nodeId).join(", ")}
            </p>
            <p className="break-all text-xs">
              <span className="font-medium">Overall SHA-256 of the records:</span> <code className="font-mono">{manifest.sha256}</code>
            </p>
            {item.manifest?.lines.length ? (
              <details>
                <summary className="cursor-pointer text-xs text-indigo-600 dark:text-indigo-400">Manifest: SHA-256 of each record</summary>
                <pre className="mt-2 max-h-64 overflow-auto rounded bg-zinc-50 p-2 font-mono text-[11px] dark:bg-zinc-950">{item.manifest.lines.join("\n")}{item.manifest.more ? `\n… ${item.manifest.more} more (in the downloaded file's text and the export itself)` : ""}</pre>
              </details>
            ) : null}
          </div>
        ) : null}
        {item.matches.length ? (
          <div>
            <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Matching lines</h4>
            <ul className="mt-1 space-y-1" aria-label={`Matches in ${item.name}`}>
              {item.matches.map((m) => (
                <li key={m.lineNo} className="flex min-w-0 gap-2 text-sm" data-match-at={m.at ?? undefined}>
                  {m.at !== null ? <EvidenceSeek evidenceId={item.id} at={m.at}>{formatOffset(m.at)}</EvidenceSeek> : <span className="font-mono text-xs text-zinc-500">line {m.lineNo}</span>}
                  <code className="min-w-0 break-all font-mono text-xs">{m.line}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <a href={href} className={buttonClasses({ variant: "secondary", size: "sm" })} download>
            <Download aria-hidden="true" /> Download
          </a>
          <EvidenceVerify reference={reference} evidenceId={item.id} />
        </div>
        <details>
          <summary className="cursor-pointer text-xs text-indigo-600 dark:text-indigo-400">Chain of custody ({item.custody.length})</summary>
          <ol className="mt-2 space-y-1 text-xs">
            {item.custody.map((c, i) => (
              <li key={i} className="break-all">
                {utc(c.at)}: {c.action === "added" ? "added" : c.action === "downloaded" ? (c.detail?.purpose === "play" ? "played" : "downloaded") : c.detail?.ok ? "verified intact" : "verified: NOT intact"} by {c.actor}
              </li>
            ))}
          </ol>
        </details>
      </CardContent>
    </Card>
  );
}
