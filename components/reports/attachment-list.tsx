// A report's attachments with their SHA-256, each a download (never rendered in the page).
import { Paperclip } from "lucide-react";

export function AttachmentList({ reference, attachments }: { reference: string; attachments: { id: string; filename: string; size: number; sha256: string }[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2 text-sm" aria-label="Attachments">
      {attachments.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-x-2">
          <Paperclip aria-hidden className="size-4 text-zinc-400" />
          <a className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400" href={`/api/reports/${encodeURIComponent(reference)}/attachments/${a.id}`}>
            <bdi>{a.filename}</bdi>
          </a>
          <span className="text-xs text-zinc-500">{(a.size / 1024).toFixed(1)} KB</span>
          <code className="w-full break-all font-mono text-[11px] text-zinc-500" title="SHA-256">
            sha256 {a.sha256}
          </code>
        </li>
      ))}
    </ul>
  );
}
