import "server-only";
// Fixed-window rate limits in PostgreSQL, so every app instance counts the same hits.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type RateLimitRule = { name: string; limit: number; windowMs: number };

const windowOf = (rule: RateLimitRule, now: number) => new Date(now - (now % rule.windowMs));

function limited(rule: RateLimitRule, windowStart: Date, now: number): AppError {
  const retryAfter = Math.ceil((windowStart.getTime() + rule.windowMs - now) / 1000);
  return new AppError("RATE_LIMITED", `Too many requests from your network. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
    retryAfterSeconds: retryAfter,
  });
}

/** Throws RATE_LIMITED when `subject` has no hit left, without counting one: for checks before reading a large body. */
export async function assertUnderRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const now = Date.now();
  const windowStart = windowOf(rule, now);
  const row = await db.rateLimit.findUnique({ where: { key_windowStart: { key: `${rule.name}:${subject}`, windowStart } }, select: { count: true } });
  if ((row?.count ?? 0) >= rule.limit) throw limited(rule, windowStart, now);
}

/** Counts one hit for `subject` (an IP address) and throws RATE_LIMITED past the limit. */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const now = Date.now();
  const windowStart = windowOf(rule, now);
  const key = `${rule.name}:${subject}`;
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" (key, "windowStart", count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimit".count + 1
    RETURNING count`;
  if ((rows[0]?.count ?? 0) > rule.limit) throw limited(rule, windowStart, now);
  // Old windows are useless; trim them now and then rather than on every hit.
  if (Math.random() < 0.01) await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now - 86_400_000) } } });
}
