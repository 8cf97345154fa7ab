import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getViewer()) redirect("/");
  const params = await searchParams;
  const config = env();
  const sso = config.OIDC_ISSUER && config.OIDC_CLIENT_ID ? { name: config.OIDC_NAME } : null;
  const error = params.error && params.error !== "CredentialsSignin" ? params.error.slice(0, 300) : undefined;
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>Sign in to Countersign</CardTitle>
        <CardDescription>Use your work account.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm sso={sso} initialError={error} callbackUrl={safeCallback(params.callbackUrl)} />
      </CardContent>
    </Card>
  );
}

/** Only same-site paths: an open redirect would make the sign-in page a phishing tool. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}
