import type { Metadata } from "next";
import Link from "next/link";
import { PostureBadge } from "@/components/integrity/posture-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { loggingPosture } from "@/lib/integrity/posture";

export const metadata: Metadata = { title: "Log integrity" };

export default async function IntegrityPage() {
  const viewer = await requirePermission("logs.read");
  const { items, now } = await loggingPosture({ viewer });
  const worst = items.some((i) => i.level === "red") ? "red" : items.some((i) => i.level === "amber") ? "amber" : "green";
  return (
    <>
      <PageHeader
        title="Log integrity"
        description={`Is logging at full strength right now? Each check with the evidence behind it, as of ${now.toISOString().slice(0, 16).replace("T", " ")} UTC.`}
        actions={
          <Link href="/integrity/devices" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Coverage per device
          </Link>
        }
      />
      <p className="mb-4 flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        Overall: <PostureBadge level={worst} />
      </p>
      <ul className="grid gap-4 md:grid-cols-2" aria-label="Logging posture">
        {items.map((item) => (
          <li key={item.key} data-check={item.key}>
            <Card className="h-full">
              <CardHeader>
                <div className="flex items-start justify-between gap-3">
                  <CardTitle className="text-base">{item.title}</CardTitle>
                  <PostureBadge level={item.level} />
                </div>
                <p className="text-sm text-zinc-700 dark:text-zinc-300">{item.summary}</p>
              </CardHeader>
              <CardContent className="space-y-2">
                {item.evidence.length > 0 ? (
                  <ul className="list-disc space-y-1 pl-5 text-xs break-words text-zinc-600 dark:text-zinc-400">
                    {item.evidence.map((e, i) => (
                      <li key={i}>{e}</li>
                    ))}
                  </ul>
                ) : null}
                <Link href={item.href} className="inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  See the records
                </Link>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
