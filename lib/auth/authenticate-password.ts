import "server-only";
// Email + password sign-in with lockout. Every failure, block and lockout is written to the
// audit trail (the Security Review Team checks repeated failures there); the caller receives
// a message safe to show.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertUnderRateLimit, hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { afterFailure, afterSuccess, isLocked, minutesLeft } from "./lockout";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { systemViewer, type RequestContext, type UserViewer } from "./viewer";

export const INVALID_CREDENTIALS = "The email or password is not correct.";
const MAX_INPUT = 512;

type Outcome = { viewer: UserViewer } | { error: string; reason: string };

export async function authenticatePassword(input: {
  email: unknown;
  password: unknown;
  context: RequestContext;
}): Promise<UserViewer> {
  const email = typeof input.email === "string" ? input.email.trim().toLowerCase().slice(0, MAX_INPUT) : "";
  const password = typeof input.password === "string" ? input.password.slice(0, MAX_INPUT) : "";
  if (!email || !password) throw new AppError("UNAUTHENTICATED", "Enter your email and password.");

  const config = env();
  const policy = {
    threshold: config.LOCKOUT_THRESHOLD,
    windowMs: config.LOCKOUT_WINDOW_MINUTES * 60_000,
    durationMs: config.LOCKOUT_DURATION_MINUTES * 60_000,
  };
  const label = email.replace(/[\u0000-\u001f\u007f]/g, "");
  // One address trying many accounts is stopped here; one account tried from many addresses is
  // stopped by the lockout below.
  const addressRule = { name: "sign-in-failures", limit: config.SIGN_IN_FAILURES_PER_ADDRESS, windowMs: config.LOCKOUT_WINDOW_MINUTES * 60_000 };
  const address = input.context.ip ?? null;
  if (address) {
    try {
      await assertUnderRateLimit(addressRule, address);
    } catch (error) {
      await db.$transaction((tx) => appendAudit(tx, { ...systemViewer(), ...input.context }, { action: "auth.sign_in_blocked", targetType: "User", actorLabel: label, after: { reason: "address_rate_limited" } }));
      throw error;
    }
  }
  const found = await db.user.findUnique({ where: { email } });
  const passwordOk = found?.passwordHash ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDummy(password);
  const actor = { ...systemViewer(), ...input.context };

  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const now = new Date();
    if (!found) {
      await appendAudit(tx, actor, {
        action: "auth.sign_in_failed",
        targetType: "User",
        actorLabel: label,
        after: { email: label, reason: "unknown_user" },
      });
      return { error: INVALID_CREDENTIALS, reason: "unknown_user" };
    }
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${found.id} FOR UPDATE`;
    const user = await tx.user.findUniqueOrThrow({ where: { id: found.id } });
    const audit = (action: string, after: Record<string, unknown>) =>
      appendAudit(tx, actor, { action, targetType: "User", targetId: user.id, actorLabel: user.email, after });

    if (isLocked(user, now)) {
      await audit("auth.sign_in_blocked", { reason: "locked", lockedUntil: user.lockedUntil });
      return { error: lockedMessage(user.lockedUntil!, now), reason: "locked" };
    }
    if (!passwordOk) {
      const next = afterFailure(user, now, policy);
      const { lockedNow, ...counters } = next;
      await tx.user.update({ where: { id: user.id }, data: counters });
      await audit("auth.sign_in_failed", { reason: "wrong_password", failures: counters.failedSignInCount || policy.threshold });
      if (!lockedNow) return { error: INVALID_CREDENTIALS, reason: "wrong_password" };
      await audit("auth.account_locked", { lockedUntil: counters.lockedUntil, failures: policy.threshold });
      return { error: lockedMessage(counters.lockedUntil!, now), reason: "locked" };
    }
    if (user.disabledAt) {
      await audit("auth.sign_in_blocked", { reason: "disabled" });
      return { error: "This account is disabled. Ask an administrator.", reason: "disabled" };
    }
    await tx.user.update({ where: { id: user.id }, data: { ...afterSuccess(), lastSignInAt: now } });
    await appendAudit(tx, { kind: "user", id: user.id, email: user.email, name: user.name, roles: user.roles, ...input.context }, {
      action: "auth.sign_in",
      targetType: "User",
      targetId: user.id,
      after: { method: "password" },
    });
    return {
      viewer: {
        kind: "user",
        id: user.id,
        email: user.email,
        name: user.name,
        roles: user.roles,
        mustChangePassword: user.mustChangePassword,
        sessionVersion: user.sessionVersion,
      },
    };
  });
  if ("error" in outcome) {
    if (address && (outcome.reason === "unknown_user" || outcome.reason === "wrong_password")) await hitRateLimit(addressRule, address);
    throw new AppError("UNAUTHENTICATED", outcome.error, { reason: outcome.reason });
  }
  return outcome.viewer;
}

function lockedMessage(until: Date, now: Date) {
  const minutes = minutesLeft(until, now);
  return `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}.`;
}
