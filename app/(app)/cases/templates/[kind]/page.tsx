import type { Metadata } from "next";
import Link from "next/link";
import { TemplateEditor } from "@/components/cases/template-editor";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getCaseTemplate } from "@/lib/cases/templates-admin";
import { orNotFoundPage } from "@/lib/page-helpers";
import { updateTemplateAction } from "../actions";

export const metadata: Metadata = { title: "Edit case template" };

export default async function EditCaseTemplatePage({ params, searchParams }: { params: Promise<{ kind: string }>; searchParams: Promise<{ saved?: string }> }) {
  const viewer = await requirePermission("cases.work");
  const { kind } = await params;
  const { saved } = await searchParams;
  const t = await orNotFoundPage(getCaseTemplate({ viewer, kind }));
  return (
    <>
      <PageHeader
        title={<span className="break-words">{t.name}</span>}
        description={`${t.builtIn ? "Built-in template: it can be edited, not removed." : "Template"} · last changed ${t.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC${t.updatedBy ? ` by ${t.updatedBy.name}` : ""}`}
        actions={<Link href="/cases/templates" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">All templates</Link>}
      />
      {saved ? <Alert tone="success" title="Template created" className="mb-4">Cases can be opened from it now.</Alert> : null}
      <TemplateEditor template={{ kind: t.kind, updatedAt: t.updatedAt.toISOString(), name: t.name, description: t.description, tasks: t.tasks }} action={updateTemplateAction} submitLabel="Save template" />
    </>
  );
}
