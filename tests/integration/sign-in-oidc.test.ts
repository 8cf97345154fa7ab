// Single sign-on account linking: an identity finds its own account by subject; an existing
// account is linked by e-mail only when it is free and the provider verified the address.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithOidc } from "@/lib/auth/sign-in-oidc";
import { makeUser } from "../support/db-helpers";

const context = { requestId: "test", ip: "127.0.0.1" };

describe("signInWithOidc", () => {
  it("links an existing password account when the address is verified, then finds it by subject", async () => {
    const user = await makeUser(["EMPLOYEE"]);
    const first = await signInWithOidc({ subject: `sub-${user.id}`, claims: { email: user.email, email_verified: true }, context });
    expect(first).toEqual({ ok: true, userId: user.id });
    // The provider may later change the address: the subject still finds the account.
    const again = await signInWithOidc({ subject: `sub-${user.id}`, claims: { email: `renamed-${user.email}`, email_verified: true }, context });
    expect(again).toEqual({ ok: true, userId: user.id });
  });

  it("refuses to link an account by an unverified address, and says so on the audit trail", async () => {
    const user = await makeUser(["SECURITY"]);
    const result = await signInWithOidc({ subject: `attacker-${user.id}`, claims: { email: user.email }, context });
    expect(result).toEqual({ ok: false, reason: "unverified_email" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).oidcSubject).toBeNull();
    const entry = await db.auditLog.findFirst({ where: { action: "auth.sign_in_failed", targetId: user.id }, orderBy: { seq: "desc" } });
    expect(entry?.after).toMatchObject({ method: "oidc", reason: "unverified_email" });
  });

  it("refuses an identity whose address belongs to an account bound to another identity", async () => {
    const user = await makeUser(["EMPLOYEE"]);
    await signInWithOidc({ subject: `owner-${user.id}`, claims: { email: user.email, email_verified: true }, context });
    const result = await signInWithOidc({ subject: `other-${user.id}`, claims: { email: user.email, email_verified: true }, context });
    expect(result).toEqual({ ok: false, reason: "linked_to_another_identity" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).oidcSubject).toBe(`owner-${user.id}`);
  });

  it("refuses a provider that says the address is not verified", async () => {
    expect(await signInWithOidc({ subject: "s-unverified", claims: { email: "x@example.com", email_verified: false }, context })).toEqual({ ok: false, reason: "no_verified_email" });
  });
});
