import type { Metadata } from "next";
import Link from "next/link";
import { TemplateEditor } from "@/components/cases/template-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { createTemplateAction } from "../actions";

export const metadata: Metadata = { title: "New case template" };

export default async function NewCaseTemplatePage() {
  await requirePermission("cases.work");
  return (
    <>
      <PageHeader title="New case template" actions={<Link href="/cases/templates" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">All templates</Link>} />
      <TemplateEditor
        template={{ name: "", description: "", tasks: [{ title: "Confirm and scope", required: true }, { title: "Preserve logs and evidence", required: true }, { title: "Contain", required: true }, { title: "Determine impact", required: true }, { title: "Decide disclosure", required: true }, { title: "Lessons learned", required: false }] }}
        action={createTemplateAction}
        submitLabel="Create template"
      />
    </>
  );
}
