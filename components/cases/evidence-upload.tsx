"use client";
// The upload form of a case's evidence tab: drop a file or pick one, optionally describe it, and
// watch the upload's progress. It posts to the REST API (multipart), which streams and hashes it.
import { useRef, useState, type DragEvent } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { cn } from "@/lib/cn";

type Result = { tone: "success" | "danger"; text: string } | null;

export function EvidenceUpload({ reference, maxBytesLabel }: { reference: string; maxBytesLabel: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<Result>(null);

  const pick = (f: File | null | undefined) => {
    setResult(null);
    setFile(f ?? null);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files[0]);
  };

  const send = () => {
    if (!file) {
      setResult({ tone: "danger", text: "Choose a file first." });
      return;
    }
    const form = new FormData();
    if (description.trim()) form.append("description", description.trim());
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/cases/${encodeURIComponent(reference)}/evidence`);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => {
      setProgress(null);
      setResult({ tone: "danger", text: "The upload did not reach the server. Check the connection and try again." });
    };
    xhr.onload = () => {
      setProgress(null);
      let body: { error?: { message?: string }; evidence?: { name: string; sha256: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status === 201 && body.evidence) {
        setResult({ tone: "success", text: `Added ${body.evidence.name}. SHA-256 ${body.evidence.sha256}` });
        setFile(null);
        setDescription("");
        if (input.current) input.current.value = "";
        router.refresh();
      } else {
        setResult({ tone: "danger", text: body.error?.message ?? `The upload failed (HTTP ${xhr.status}).` });
      }
    };
    setResult(null);
    setProgress(0);
    xhr.send(form);
  };

  return (
    <div className="space-y-4">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center gap-2 rounded-md border-2 border-dashed px-4 py-6 text-center text-sm text-zinc-600 focus-within:ring-2 focus-within:ring-indigo-500 dark:text-zinc-400",
          dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-500/10" : "border-zinc-300 dark:border-zinc-700",
        )}
      >
        <Upload aria-hidden="true" className="size-5" />
        <p>Drop a file here, or</p>
        <label htmlFor="evidence-file" className="cursor-pointer font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          choose a file
        </label>
        <input id="evidence-file" ref={input} type="file" className="sr-only" onChange={(e) => pick(e.target.files?.[0])} />
        <p className="max-w-full text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-100" aria-live="polite">
          {file ? `${file.name} (${file.size.toLocaleString()} bytes)` : `Up to ${maxBytesLabel}. Session recordings (.cast) play in the page.`}
        </p>
      </div>
      <Field label="Description (optional)" htmlFor="evidence-description">
        <Textarea {...fieldControlProps("evidence-description")} rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      {progress !== null ? (
        <div>
          <div className="mb-1 text-xs text-zinc-600 dark:text-zinc-400" id="evidence-progress-label">
            Uploading… {progress}%
          </div>
          <div role="progressbar" aria-labelledby="evidence-progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
            <div className="h-full bg-indigo-600 transition-all dark:bg-indigo-400" style={{ width: `${progress}%` }} />
          </div>
        </div>
      ) : null}
      {result ? (
        <Alert tone={result.tone}>
          <span className="break-all">{result.text}</span>
        </Alert>
      ) : null}
      <Button onClick={send} disabled={progress !== null}>
        Upload evidence
      </Button>
    </div>
  );
}
