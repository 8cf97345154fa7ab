import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/session";
import { CATEGORIES, EMPLOYEE_CATEGORIES, SIGNS, URGENCIES, VISIBILITY_CHOICES } from "@/lib/reports/catalog";
import { ALLOWED_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "@/lib/reports/attachments";
import { listDeviceChoices } from "@/lib/reports/device-choices";
import { ReportForm } from "./report-form";

export const metadata: Metadata = { title: "Report something" };

export default async function ReportPage() {
  const viewer = await requireViewer("/report");
  const devices = await listDeviceChoices({ viewer });
  return (
    <>
      <PageHeader
        title="Report something"
        description="If you see something, say something. It takes a minute; the right people, and only they, will read it."
      />
      <ReportForm
        categories={EMPLOYEE_CATEGORIES.map((value) => ({ value, label: CATEGORIES[value] }))}
        signs={Object.entries(SIGNS).map(([value, label]) => ({ value, label }))}
        urgencies={Object.entries(URGENCIES).map(([value, label]) => ({ value, label }))}
        visibilities={VISIBILITY_CHOICES}
        devices={devices}
        attachmentRules={{ max: MAX_ATTACHMENTS, maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024, accept: Object.keys(ALLOWED_TYPES).map((e) => `.${e}`).join(",") }}
      />
    </>
  );
}
