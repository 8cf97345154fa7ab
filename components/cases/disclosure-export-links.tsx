// Download links for the case report (Markdown and PDF), served by /api/v1/cases/{id}/export.
import { Download } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

export const exportHref = (reference: string, format: "md" | "pdf") => `/api/v1/cases/${encodeURIComponent(reference)}/export?format=${format}`;

export function DisclosureExportLinks({ reference }: { reference: string }) {
  return (
    <div className="flex flex-wrap gap-2">
      {(
        [
          ["md", "Markdown"],
          ["pdf", "PDF"],
        ] as const
      ).map(([format, label]) => (
        <a key={format} href={exportHref(reference, format)} download={`${reference}.${format}`} className={buttonClasses({ variant: "secondary", size: "sm" })} data-testid={`export-${format}`}>
          <Download aria-hidden className="size-4" />
          Export as {label}
        </a>
      ))}
    </div>
  );
}
