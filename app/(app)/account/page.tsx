import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listApiTokens } from "@/lib/tokens/api-tokens";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const viewer = await requireViewer();
  const tokens = await listApiTokens({ viewer });
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Account"
        description={`${viewer.name} · ${viewer.email}`}
        actions={
          <Link href="/account/password" className={buttonClasses({ variant: "secondary" })}>
            Change password
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>API tokens</CardTitle>
            <CardDescription>
              A token acts as you, with your roles, on <code className="font-mono text-xs">/api/v1</code>. See the{" "}
              <a className="underline" href="/api/v1/openapi.json">OpenAPI description</a>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {tokens.length === 0 ? (
              <EmptyState title="No tokens yet" description="Create one to script Countersign." />
            ) : (
              <Table>
                <THead>
                  <TR>
                    <TH>Name</TH>
                    <TH>Token</TH>
                    <TH>Created</TH>
                    <TH>Expires</TH>
                    <TH>Last used</TH>
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {tokens.map((t) => {
                    const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
                    return (
                      <TR key={t.id}>
                        <TD className="font-medium">{t.name}</TD>
                        <TD>
                          <code className="font-mono text-xs">{t.prefix}…</code>
                        </TD>
                        <TD>{formatDateTime(t.createdAt)}</TD>
                        <TD>{t.expiresAt ? formatDateTime(t.expiresAt) : "never"}</TD>
                        <TD>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</TD>
                        <TD className="text-right">
                          {state === "active" ? (
                            <RevokeTokenButton tokenId={t.id} name={t.name} />
                          ) : (
                            <Badge tone={state === "revoked" ? "danger" : "warning"}>{state}</Badge>
                          )}
                        </TD>
                      </TR>
                    );
                  })}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>New token</CardTitle>
          </CardHeader>
          <CardContent>
            <CreateTokenForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
