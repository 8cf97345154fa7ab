import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ImportForm } from "@/components/ingest/import-form";
import { IngestTabs } from "@/components/ingest/ingest-tabs";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import log files" };

export default async function ImportPage() {
  await requirePermission("logs.import");
  return (
    <>
      <PageHeader title="Import log files" description="Tailscale configuration and network flow logs from a file, through the same pipeline as streaming: records already stored are skipped, records that cannot be understood go to the quarantine." />
      <IngestTabs current="/ingest/import" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Upload a file</CardTitle>
            <CardDescription>Concatenated JSON, NDJSON, a JSON array or a <code className="font-mono text-xs">{"{\"logs\":[…]}"}</code> response, plain or compressed with gzip or zstd, up to 1 GiB.</CardDescription>
          </CardHeader>
          <CardContent className="pb-5">
            <ImportForm />
          </CardContent>
        </Card>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Larger imports</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-2 pb-5 text-sm text-zinc-700 dark:text-zinc-300">
            <p>On the server, the CLI imports a file or a whole S3 export folder (<code className="font-mono text-xs">YYYY/MM/DD/*.ndjson[.gz|.zst]</code>) with a progress bar and the same summary:</p>
            <pre className="rounded-md whitespace-pre-wrap break-words bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">npm run countersign -- import &lt;file-or-folder&gt; [--source NAME]</pre>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
