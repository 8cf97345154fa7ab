import Link from "next/link";
import type { Metadata } from "next";
import { ArrowRight } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/session";
import { navigationFor } from "@/lib/navigation";

export const metadata: Metadata = { title: "Home" };

const DESCRIPTIONS: Record<string, string> = {
  "/reports": "What you reported, its status, and the security team's questions.",
  "/triage": "Reports waiting for the Security Review Team or the COO.",
  "/admin/users": "Accounts, roles, lockouts and one-time passwords.",
  "/admin/notifications": "Slack, email and webhook destinations, tests, and every delivery.",
  "/admin/audit": "Every change, sign-in and lockout, hash-chained so edits show.",
  "/account": "Your password and personal API tokens.",
};

export default async function HomePage() {
  const viewer = await requireViewer();
  const shortcuts = navigationFor(viewer).filter((item) => item.href !== "/");
  return (
    <>
      <PageHeader title={`Welcome, ${viewer.name}`} description="Incident response for your tailnet." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {shortcuts.map((item) => (
          <Link key={item.href} href={item.href} className="group rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            <Card className="h-full transition-colors group-hover:border-indigo-300 dark:group-hover:border-indigo-700">
              <CardHeader>
                <CardTitle className="flex items-center justify-between">
                  {item.label}
                  <ArrowRight aria-hidden className="size-4 text-zinc-400 transition-transform group-hover:translate-x-0.5" />
                </CardTitle>
                <CardDescription>{DESCRIPTIONS[item.href]}</CardDescription>
              </CardHeader>
              <CardContent />
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
