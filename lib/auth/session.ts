import "server-only";
// The signed-in person for server components, server actions and route handlers.
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { can, type Permission } from "./permissions";
import { db } from "@/lib/db";
import { authOptions } from "./auth-options";
import { requestContext } from "./request-context";
import type { UserViewer } from "./viewer";

/** The viewer of this request, or null when signed out, disabled, or the session was ended. */
export const getViewer = cache(async (): Promise<UserViewer | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.uid) return null;
  const user = await db.user.findUnique({ where: { id: session.uid } });
  if (!user || user.disabledAt || user.sessionVersion !== (session.sv ?? 0)) return null;
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    mustChangePassword: user.mustChangePassword,
    ...(await requestContext()),
  };
});

/**
 * For signed-in pages and server actions: the viewer, or a redirect to the sign-in page. Someone
 * holding a one-time password is sent to change it first: nothing else works until they do.
 */
export async function requireViewer(returnTo?: string, options: { passwordChange?: boolean } = {}): Promise<UserViewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  if (viewer.mustChangePassword && !options.passwordChange) redirect("/account/password");
  return viewer;
}

/** For pages of one role: people without the permission see the plain 404 page. */
export async function requirePermission(permission: Permission): Promise<UserViewer> {
  const viewer = await requireViewer();
  if (!can(viewer, permission)) notFound();
  return viewer;
}
