import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const viewer = await requireViewer(undefined, { passwordChange: true });
  return (
    <>
      <PageHeader title="Change password" description={viewer.email} />
      <Card className="max-w-lg">
        <CardHeader>
          <CardTitle>New password</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {viewer.mustChangePassword ? (
            <Alert tone="warning" title="Choose your own password">
              You signed in with a one-time password. Choose a new one to continue.
            </Alert>
          ) : null}
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </>
  );
}
