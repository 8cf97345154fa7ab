import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listCaseTemplates } from "@/lib/cases/templates-admin";

export const metadata: Metadata = { title: "Case templates" };

const link = "text-indigo-600 hover:underline dark:text-indigo-400";

export default async function CaseTemplatesPage() {
  const viewer = await requirePermission("cases.access");
  const templates = await listCaseTemplates({ viewer });
  const mayEdit = can(viewer, "cases.work");
  return (
    <>
      <PageHeader
        title="Case templates"
        description="A checklist per kind of incident. A case opened from a template gets its tasks; required tasks must be done before a confirmed incident closes."
        actions={mayEdit ? <Link href="/cases/templates/new" className={buttonClasses()}>New template</Link> : null}
      />
      <Table>
        <THead>
          <TR>
            <TH>Template</TH>
            <TH>Tasks</TH>
            <TH className="hidden sm:table-cell">Last changed</TH>
          </TR>
        </THead>
        <TBody>
          {templates.map((t) => (
            <TR key={t.id}>
              <TD className="min-w-0">
                <Link href={`/cases/templates/${encodeURIComponent(t.kind)}`} className={`font-medium ${link} break-words`}>
                  {t.name}
                </Link>
                {t.builtIn ? <Badge className="ml-2">built in</Badge> : null}
                <p className="mt-0.5 line-clamp-2 break-words text-xs text-zinc-600 dark:text-zinc-400">{t.description}</p>
              </TD>
              <TD className="whitespace-nowrap tabular-nums">
                {t.tasks.length} ({t.tasks.filter((x) => x.required).length} required)
              </TD>
              <TD className="hidden whitespace-nowrap text-xs text-zinc-500 sm:table-cell">{t.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}
