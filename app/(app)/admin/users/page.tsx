import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { ROLES } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { listUsers } from "@/lib/users/list-users";
import { CreateUserForm, UserActions, UserRolesForm } from "./user-forms";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requirePermission("users.manage");
  const users = await listUsers({ viewer });
  const now = new Date();
  return (
    <>
      <PageHeader title="Users" description={`${users.length} account${users.length === 1 ? "" : "s"}. Administrators see no sealed content by being ADMIN.`} />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Add a user</CardTitle>
          </CardHeader>
          <CardContent>
            <CreateUserForm roles={[...ROLES]} />
          </CardContent>
        </Card>
        <Table>
          <THead>
            <TR>
              <TH>User</TH>
              <TH>Roles</TH>
              <TH>Status</TH>
              <TH>Last sign-in</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {users.map((u) => {
              const locked = u.lockedUntil && u.lockedUntil > now;
              return (
                <TR key={u.id} data-testid={`user-row-${u.email}`}>
                  <TD>
                    <div className="font-medium">{u.name}</div>
                    <div className="text-xs text-zinc-500 dark:text-zinc-400">{u.email}</div>
                  </TD>
                  <TD>
                    <UserRolesForm userId={u.id} email={u.email} roles={[...ROLES]} current={u.roles} />
                  </TD>
                  <TD>
                    {u.disabledAt ? (
                      <Badge tone="danger">disabled</Badge>
                    ) : locked ? (
                      <Badge tone="warning">locked until {formatDateTime(u.lockedUntil)}</Badge>
                    ) : (
                      <Badge tone="success">active</Badge>
                    )}
                    {u.mustChangePassword && !u.disabledAt ? <Badge className="ml-1">one-time password</Badge> : null}
                  </TD>
                  <TD className="whitespace-nowrap">{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "never"}</TD>
                  <TD className="text-right">
                    <UserActions userId={u.id} email={u.email} disabled={Boolean(u.disabledAt)} locked={Boolean(locked)} self={u.id === viewer.id} />
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </div>
    </>
  );
}
