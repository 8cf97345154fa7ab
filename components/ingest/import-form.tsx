"use client";
// Uploads one log file to /api/ingest/import as the raw request body, with the browser's upload
// progress, then shows what the pipeline made of it.
import { useRef, useState, type FormEvent } from "react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formatBytes, formatCount } from "./format";

type Summary = { read: number; auditStored: number; flowStored: number; duplicates: number; quarantined: number; bytes: number };
type Upload =
  | { phase: "idle" }
  | { phase: "uploading"; file: string; sent: number; total: number }
  | { phase: "processing"; file: string; total: number }
  | { phase: "done"; file: string; summary: Summary }
  | { phase: "failed"; file: string; message: string };

export const ACCEPTED = ".json,.ndjson,.jsonl,.gz,.zst";

export function ImportForm() {
  const [upload, setUpload] = useState<Upload>({ phase: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const request = useRef<XMLHttpRequest | null>(null);
  const busy = upload.phase === "uploading" || upload.phase === "processing";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFileError(file instanceof File && file.name ? "This file is empty." : "Choose a file first.");
      return;
    }
    setFileError(null);
    const query = new URLSearchParams({ name: file.name });
    const source = String(form.get("source") ?? "").trim();
    if (source) query.set("source", source);

    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", `/api/ingest/import?${query}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => setUpload({ phase: "uploading", file: file.name, sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => setUpload({ phase: "processing", file: file.name, total: file.size });
    xhr.onload = () => {
      const body = xhr.response as { summary?: Summary; error?: { message?: string } } | null;
      if (xhr.status === 200 && body?.summary) setUpload({ phase: "done", file: file.name, summary: body.summary });
      else setUpload({ phase: "failed", file: file.name, message: body?.error?.message ?? `The server answered ${xhr.status}.` });
    };
    xhr.onerror = () => setUpload({ phase: "failed", file: file.name, message: "The upload was interrupted (network error). Records committed before that are stored; uploading again skips them." });
    xhr.onabort = () => setUpload({ phase: "failed", file: file.name, message: "Upload cancelled. Records committed before that are stored; uploading again skips them." });
    setUpload({ phase: "uploading", file: file.name, sent: 0, total: file.size });
    xhr.send(file);
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Field label="Log file" htmlFor="import-file" hint=".json, .ndjson, .gz or .zst: an S3 export object, a poll API response, or a saved stream." error={fileError}>
            <Input
              {...fieldControlProps("import-file", { hint: true, error: fileError })}
              name="file"
              type="file"
              accept={ACCEPTED}
              disabled={busy}
              className="h-auto py-1.5 file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 file:text-sm file:font-medium dark:file:bg-zinc-800 dark:file:text-zinc-100"
            />
          </Field>
          <Field label="Source name (optional)" htmlFor="import-source" hint="Records remember it; defaults to “upload”. Must not be a streaming source's name.">
            <Input {...fieldControlProps("import-source", { hint: true })} name="source" maxLength={80} placeholder="upload" autoComplete="off" disabled={busy} />
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={busy}>{busy ? "Importing…" : "Upload and import"}</Button>
          {busy ? <Button variant="secondary" onClick={() => request.current?.abort()}>Cancel</Button> : null}
        </div>
      </form>
      <UploadState upload={upload} />
    </div>
  );
}

function UploadState({ upload }: { upload: Upload }) {
  if (upload.phase === "idle") return null;
  if (upload.phase === "failed") return <Alert tone="danger" title={`${upload.file} was not imported`}>{upload.message}</Alert>;
  if (upload.phase === "done") {
    const s = upload.summary;
    const figures = [
      { label: "Read", value: s.read },
      { label: "Stored", value: s.auditStored + s.flowStored, detail: `${formatCount(s.auditStored)} audit events, ${formatCount(s.flowStored)} flow entries` },
      { label: "Duplicates", value: s.duplicates, detail: "already stored, skipped" },
      { label: "Quarantined", value: s.quarantined },
    ];
    return (
      <section aria-labelledby="import-summary-title" data-testid="import-summary" className="rounded-md border border-emerald-200 bg-emerald-50/60 p-4 dark:border-emerald-500/30 dark:bg-emerald-500/10">
        <h2 id="import-summary-title" role="status" className="mb-3 text-sm font-semibold">Imported {upload.file} ({formatBytes(s.bytes)})</h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {figures.map((f) => (
            <div key={f.label} className="rounded bg-white px-3 py-2 dark:bg-zinc-900">
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">{f.label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{formatCount(f.value)}</dd>
              {f.detail ? <dd className="text-xs text-zinc-500 dark:text-zinc-400">{f.detail}</dd> : null}
            </div>
          ))}
        </dl>
        {s.read === 0 ? <p className="mt-3 text-sm">The file held no records.</p> : null}
        {s.quarantined > 0 ? (
          <p className="mt-3 text-sm">
            Records that could not be understood are in the <Link className="font-medium underline" href="/ingest/quarantine">quarantine</Link>.
          </p>
        ) : null}
      </section>
    );
  }
  const sent = upload.phase === "uploading" ? upload.sent : upload.total;
  const percent = upload.total > 0 ? Math.min(100, Math.round((sent / upload.total) * 100)) : 100;
  const label = upload.phase === "uploading" ? `Uploading ${upload.file}` : `Storing the last records of ${upload.file}`;
  return (
    <div className="flex flex-col gap-2" aria-live="polite">
      <div className="flex justify-between gap-2 text-sm">
        <span id="import-progress-label" className="min-w-0 truncate font-medium">{label}</span>
        <span className="shrink-0 tabular-nums text-zinc-600 dark:text-zinc-400">
          {formatBytes(sent)} of {formatBytes(upload.total)} · {percent}%
        </span>
      </div>
      <div role="progressbar" aria-labelledby="import-progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className={`h-full rounded-full bg-indigo-600 transition-[width] dark:bg-indigo-400 ${upload.phase === "processing" ? "animate-pulse" : ""}`} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Records are parsed and stored while the file uploads.</p>
    </div>
  );
}
