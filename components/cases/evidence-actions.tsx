"use client";
// Small interactive pieces of an evidence item: copy its SHA-256, verify the stored bytes, and
// jump a recording's player to the time of a search match.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Check, Copy, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatOffset } from "@/lib/cases/evidence/format";
import { SEEK_EVENT, type SeekDetail } from "./cast-player";

export function EvidenceCopyHash({ sha256 }: { sha256: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="flex min-w-0 items-center gap-1">
      <code className="min-w-0 break-all font-mono text-xs" data-sha256={sha256}>
        {sha256}
      </code>
      <Button
        variant="ghost"
        size="sm"
        aria-label="Copy SHA-256"
        onClick={() => {
          void navigator.clipboard?.writeText(sha256).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      </Button>
    </span>
  );
}

export function EvidenceVerify({ reference, evidenceId }: { reference: string; evidenceId: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; text?: string; ok?: boolean }>({ busy: false });
  const verify = async () => {
    setState({ busy: true });
    try {
      const response = await fetch(`/api/v1/cases/${encodeURIComponent(reference)}/evidence/${encodeURIComponent(evidenceId)}/verify`, { method: "POST" });
      const body = await response.json();
      if (!response.ok) setState({ busy: false, ok: false, text: body.error?.message ?? `Verify failed (HTTP ${response.status}).` });
      else if (body.ok) setState({ busy: false, ok: true, text: "Intact: the stored bytes still have the SHA-256 taken at upload." });
      else if (body.missing) setState({ busy: false, ok: false, text: "The stored bytes are missing." });
      else setState({ busy: false, ok: false, text: `Changed: the stored bytes now hash to ${body.actual}.` });
      router.refresh();
    } catch {
      setState({ busy: false, ok: false, text: "The server could not be reached." });
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={verify} disabled={state.busy}>
        <ShieldCheck aria-hidden="true" /> Verify
      </Button>
      {state.text ? (
        <span role={state.ok ? "status" : "alert"} className={state.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "break-all text-xs text-red-600 dark:text-red-400"}>
          {state.text}
        </span>
      ) : null}
    </span>
  );
}

export function EvidenceSeek({ evidenceId, at, children }: { evidenceId: string; at: number; children: React.ReactNode }) {
  return (
    <button
      type="button"
      className="rounded font-mono text-xs text-indigo-600 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-hidden dark:text-indigo-400"
      onClick={() => window.dispatchEvent(new CustomEvent<SeekDetail>(SEEK_EVENT, { detail: { evidenceId, at } }))}
      aria-label={`Play the recording from ${formatOffset(at)}`}
    >
      {children}
    </button>
  );
}
