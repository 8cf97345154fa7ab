import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getRuleSettings } from "@/lib/alerts/get-rule-settings";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Detection settings" };

export default async function DetectionSettingsPage() {
  const viewer = await requirePermission("detections.manage");
  const { stored, companyDomainsInEffect } = await getRuleSettings({ viewer });
  return (
    <>
      <PageHeader
        title="Thresholds and lists"
        description="What the rules read: who may make which changes, which ports are sensitive, how much traffic is unusual. Changes apply to events judged from now on."
        actions={<Link href="/rules" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">All rules</Link>}
      />
      <SettingsForm settings={stored} companyDomainsInEffect={companyDomainsInEffect} />
    </>
  );
}
