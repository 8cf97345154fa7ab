import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authenticatePassword, INVALID_CREDENTIALS } from "@/lib/auth/authenticate-password";
import { systemViewer } from "@/lib/auth/viewer";
import { changePassword } from "@/lib/users/change-password";
import { createUser } from "@/lib/users/create-user";
import { setUserDisabled, setUserRoles, unlockUser } from "@/lib/users/update-user";
import { makeUser, uniqueEmail } from "../support/db-helpers";

const context = { requestId: "req-test", ip: "192.0.2.10" };
const signIn = (email: string, password: string) => authenticatePassword({ email, password, context });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as AppError,
  );

async function auditFor(userId: string) {
  return db.auditLog.findMany({ where: { targetId: userId }, orderBy: { seq: "asc" } });
}

describe("users", () => {
  it("creates a user with a hashed password, lower-cased email and EMPLOYEE role", async () => {
    const email = uniqueEmail().toUpperCase();
    const { user, password, generated } = await createUser({ viewer: systemViewer(), input: { email, name: "  Ann  ", roles: ["COO"] } });
    expect(generated).toBe(true);
    expect(password).toHaveLength(24);
    expect(user.email).toBe(email.toLowerCase());
    expect(user.name).toBe("Ann");
    expect(user.roles).toEqual(["EMPLOYEE", "COO"]);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.mustChangePassword).toBe(true);
    const [audit] = await auditFor(user.id);
    expect(audit).toMatchObject({ action: "user.create", actorLabel: "system" });
    expect(JSON.stringify(audit!.after)).not.toMatch(/argon2/);
  });

  it("rejects bad input with clear messages", async () => {
    const create = (input: Record<string, unknown>) =>
      failure(createUser({ viewer: systemViewer(), input: { email: uniqueEmail(), name: "N", ...input } as never }));
    expect((await create({ email: "not-an-email" })).message).toMatch(/valid email/);
    expect((await create({ name: "x".repeat(201) })).message).toMatch(/at most 200/);
    expect((await create({ name: "bad\u0000name" })).message).toMatch(/control characters/);
    expect((await create({ password: "short" })).message).toMatch(/at least 12/);
    expect((await create({ roles: ["ROOT"] })).message).toMatch(/"ROOT" is not a role/);
    const taken = await makeUser();
    const duplicate = await failure(createUser({ viewer: systemViewer(), input: { email: taken.email, name: "Again" } }));
    expect(duplicate).toMatchObject({ code: "CONFLICT" });
  });

  it("refuses non-admins", async () => {
    const security = await makeUser(["SECURITY"]);
    const viewer = { kind: "user" as const, ...security };
    expect(await failure(createUser({ viewer, input: { email: uniqueEmail(), name: "N" } }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("changes roles, ends sessions, and keeps at least one active administrator", async () => {
    const user = await makeUser(["SECURITY"]);
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const updated = await setUserRoles({ viewer: systemViewer(), user: user.email, roles: ["COO", "ADMIN"] });
    expect(updated.roles).toEqual(["EMPLOYEE", "COO", "ADMIN"]);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);

    // Make every other administrator inactive, then try to remove the last one.
    const others = await db.user.findMany({ where: { roles: { has: "ADMIN" }, disabledAt: null, id: { not: user.id } } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: new Date() } });
    try {
      expect(await failure(setUserRoles({ viewer: systemViewer(), user: user.id, roles: [] }))).toMatchObject({ code: "CONFLICT" });
      expect(await failure(setUserDisabled({ viewer: systemViewer(), user: user.id, disabled: true }))).toMatchObject({ code: "CONFLICT" });
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: null } });
    }
  });

  it("changes a password only with the current one", async () => {
    const user = await makeUser();
    const viewer = { kind: "user" as const, ...user };
    const wrong = await failure(changePassword({ viewer, input: { currentPassword: "nope", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" } }));
    expect(wrong).toMatchObject({ code: "INVALID_INPUT" });
    const mismatch = await failure(changePassword({ viewer, input: { currentPassword: user.password, newPassword: "a brand new passphrase", confirmPassword: "other" } }));
    expect(mismatch.message).toMatch(/do not match/);
    await changePassword({ viewer, input: { currentPassword: user.password, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" } });
    await expect(signIn(user.email, "a brand new passphrase")).resolves.toMatchObject({ id: user.id, mustChangePassword: false });
    expect(await failure(signIn(user.email, user.password))).toMatchObject({ message: INVALID_CREDENTIALS });
  });
});

describe("password sign-in", () => {
  it("signs in with the right password and records it", async () => {
    const user = await makeUser(["SECURITY"]);
    const viewer = await signIn(user.email.toUpperCase(), user.password);
    expect(viewer).toMatchObject({ id: user.id, roles: ["EMPLOYEE", "SECURITY"] });
    const audit = await auditFor(user.id);
    expect(audit.at(-1)).toMatchObject({ action: "auth.sign_in", actorId: user.id, ip: "192.0.2.10", requestId: "req-test" });
  });

  it("gives the same answer for unknown users and wrong passwords, and audits both", async () => {
    const user = await makeUser();
    const unknown = uniqueEmail("ghost");
    expect(await failure(signIn(unknown, "whatever password"))).toMatchObject({ code: "UNAUTHENTICATED", message: INVALID_CREDENTIALS });
    expect(await failure(signIn(user.email, "wrong password!"))).toMatchObject({ code: "UNAUTHENTICATED", message: INVALID_CREDENTIALS });
    const failures = await db.auditLog.findMany({ where: { action: "auth.sign_in_failed", actorLabel: { in: [unknown, user.email] } } });
    expect(failures.map((f) => (f.after as { reason: string }).reason).sort()).toEqual(["unknown_user", "wrong_password"]);
  });

  it("answers empty, wrong-typed and huge input without crashing", async () => {
    expect((await failure(authenticatePassword({ email: 42, password: null, context }))).message).toMatch(/Enter your email/);
    expect((await failure(signIn("", ""))).code).toBe("UNAUTHENTICATED");
    expect((await failure(signIn(`${"a".repeat(100_000)}@example.com`, "x".repeat(100_000)))).message).toBe(INVALID_CREDENTIALS);
  });

  it("locks the account after five failures in fifteen minutes, even against the right password", async () => {
    const user = await makeUser();
    for (let i = 1; i <= 4; i++) expect((await failure(signIn(user.email, `wrong ${i}`))).message).toBe(INVALID_CREDENTIALS);
    expect((await failure(signIn(user.email, "wrong 5"))).message).toMatch(/locked for 15 more minutes/);
    expect((await failure(signIn(user.email, user.password))).message).toMatch(/locked/);
    const actions = (await auditFor(user.id)).map((a) => a.action);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(5);
    expect(actions).toContain("auth.account_locked");
    expect(actions.at(-1)).toBe("auth.sign_in_blocked");

    await unlockUser({ viewer: systemViewer(), user: user.email });
    await expect(signIn(user.email, user.password)).resolves.toMatchObject({ id: user.id });
  });

  it("tells a disabled user so, only with the right password", async () => {
    const user = await makeUser();
    await setUserDisabled({ viewer: systemViewer(), user: user.id, disabled: true });
    expect((await failure(signIn(user.email, "wrong password"))).message).toBe(INVALID_CREDENTIALS);
    expect((await failure(signIn(user.email, user.password))).message).toMatch(/disabled/);
  });
});

describe("sign-in failures per address", () => {
  it("stop an address that tries many accounts, on the audit trail, without touching other addresses", async () => {
    const user = await makeUser(["EMPLOYEE"], "the right passphrase here", { ready: true });
    const spray = { requestId: "spray", ip: `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}` };
    // The default limit: 50 failures per lockout window (SIGN_IN_FAILURES_PER_ADDRESS).
    for (let i = 0; i < 50; i++) {
      const error = await failure(authenticatePassword({ email: uniqueEmail("nobody"), password: "guess", context: spray }));
      expect(error.code).toBe("UNAUTHENTICATED");
    }
    const refused = await failure(authenticatePassword({ email: user.email, password: "the right passphrase here", context: spray }));
    expect(refused.code).toBe("RATE_LIMITED");
    const entry = await db.auditLog.findFirst({ where: { action: "auth.sign_in_blocked", actorLabel: user.email }, orderBy: { seq: "desc" } });
    expect(entry?.after).toMatchObject({ reason: "address_rate_limited" });
    await expect(authenticatePassword({ email: user.email, password: "the right passphrase here", context: { requestId: "other", ip: "203.0.113.99" } })).resolves.toMatchObject({ id: user.id });
  }, 120_000);
});
