import "server-only";
// Single sign-on: the account for an identity provider's user, created on first sign-in and
// its roles synchronised from the configured claim on every sign-in.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { appendAudit } from "@/lib/audit/append-audit";
import { parseRoleMap, rolesFromClaims } from "./oidc-roles";
import { systemViewer, type RequestContext } from "./viewer";

export async function signInWithOidc({
  subject,
  claims,
  context,
}: {
  subject: string;
  claims: Record<string, unknown>;
  context: RequestContext;
}): Promise<{ ok: true; userId: string } | { ok: false; reason: string }> {
  const config = env();
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || claims.email_verified === false) return { ok: false, reason: "no_verified_email" };
  const name = String(claims.name ?? claims.preferred_username ?? email).slice(0, 200);
  const mapped = rolesFromClaims(claims, config.OIDC_ROLES_CLAIM, parseRoleMap(config.OIDC_ROLE_MAP));
  const actor = { ...systemViewer(), ...context };

  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { oidcSubject: subject } });
    if (!user) {
      // An account found by e-mail is linked only when nothing else claims it: not bound to
      // another identity, and the provider vouches for the address (email_verified: true).
      const byEmail = await tx.user.findUnique({ where: { email } });
      const refusal = !byEmail ? null : byEmail.oidcSubject ? "linked_to_another_identity" : claims.email_verified !== true ? "unverified_email" : null;
      if (refusal) {
        await appendAudit(tx, actor, { action: "auth.sign_in_failed", targetType: "User", targetId: byEmail!.id, actorLabel: email, after: { method: "oidc", reason: refusal } });
        return { ok: false as const, reason: refusal };
      }
      user = byEmail;
    }
    if (!user) {
      if (!config.OIDC_AUTO_CREATE_USERS) {
        await appendAudit(tx, actor, { action: "auth.sign_in_failed", targetType: "User", actorLabel: email, after: { method: "oidc", reason: "no_account" } });
        return { ok: false as const, reason: "no_account" };
      }
      user = await tx.user.create({ data: { email, name, oidcSubject: subject, roles: mapped ?? ["EMPLOYEE"] } });
      await appendAudit(tx, actor, { action: "user.create", targetType: "User", targetId: user.id, after: { email, name, roles: user.roles, via: "oidc" } });
    }
    if (user.disabledAt) {
      await appendAudit(tx, actor, { action: "auth.sign_in_blocked", targetType: "User", targetId: user.id, actorLabel: email, after: { method: "oidc", reason: "disabled" } });
      return { ok: false as const, reason: "disabled" };
    }
    const rolesChanged = mapped !== null && mapped.join() !== user.roles.join();
    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        oidcSubject: subject,
        lastSignInAt: new Date(),
        ...(rolesChanged ? { roles: mapped!, sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (rolesChanged) {
      await appendAudit(tx, actor, { action: "user.set_roles", targetType: "User", targetId: user.id, before: { roles: user.roles }, after: { roles: updated.roles, via: "oidc" } });
    }
    const self = { kind: "user" as const, id: user.id, email: user.email, name: user.name, roles: updated.roles, ...context };
    await appendAudit(tx, self, { action: "auth.sign_in", targetType: "User", targetId: user.id, after: { method: "oidc" } });
    return { ok: true as const, userId: user.id };
  });
}
