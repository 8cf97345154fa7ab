// Download links for the case report (Markdown and PDF), served by /api/v1/cases/{id}/export.
import { Download } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

export const exportHref = (reference: string, format: "md" | "pdf") => `/api/v1/cases/${encodeURIComponent(reference)}/export?format=${format}`;

/** `testIds` off where the links appear twice on a page (the case header). */
export function DisclosureExportLinks({ reference, testIds = true }: { reference: string; testIds?: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      {(
        [
          ["md", "Markdown"],
          ["pdf", "PDF"],
        ] as const
      ).map(([format, label]) => (
        <a key={format} href={exportHref(reference, format)} download={`${reference}.${format}`} className={buttonClasses({ variant: "secondary", size: "sm" })} data-testid={testIds ? `export-${format}` : undefined}>
          <Download aria-hidden className="size-4" />
          Export as {label}
        </a>
      ))}
    </div>
  );
}
