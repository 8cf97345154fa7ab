import "server-only";
// Personal API tokens: created (shown once), listed, revoked by their owner (or an admin),
// and resolved to a viewer for `Authorization: Bearer` on /api/v1.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan, can } from "@/lib/auth/permissions";
import type { RequestContext, UserViewer, Viewer } from "@/lib/auth/viewer";
import { getUserOrThrow } from "@/lib/users/find-user";
import { generateToken, hashToken, looksLikeToken } from "./token-format";

export const ZTokenCreate = z.object({
  name: z.string().trim().min(1, "Name the token.").max(100, "A token name has at most 100 characters."),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});

const publicToken = (t: { id: string; name: string; prefix: string; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null; createdAt: Date }) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
  lastUsedAt: t.lastUsedAt,
  createdAt: t.createdAt,
});

/** Creates a token for the viewer, or (ADMIN / CLI) for the user named in `forUser`. */
export async function createApiToken({ viewer, input, forUser }: { viewer: Viewer; input: unknown; forUser?: string }) {
  assertCan(viewer, "tokens.own");
  const data = parseInput(ZTokenCreate, input);
  let ownerId: string;
  if (forUser) {
    assertCan(viewer, "users.manage");
    ownerId = (await getUserOrThrow(forUser)).id;
  } else if (viewer.kind === "user") {
    ownerId = viewer.id;
  } else {
    throw new AppError("INVALID_INPUT", "Name the user the token is for.");
  }
  const token = generateToken();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: ownerId, name: data.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt },
    });
    await appendAudit(tx, viewer, {
      action: "api_token.create",
      targetType: "ApiToken",
      targetId: row.id,
      after: { ...publicToken(row), userId: ownerId },
    });
    return row;
  });
  return { token, apiToken: publicToken(created) };
}

export async function listApiTokens({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "tokens.own");
  if (viewer.kind !== "user") return [];
  const rows = await db.apiToken.findMany({ where: { userId: viewer.id }, orderBy: { createdAt: "desc" } });
  return rows.map(publicToken);
}

export async function revokeApiToken({ viewer, tokenId }: { viewer: Viewer; tokenId: string }) {
  assertCan(viewer, "tokens.own");
  const row = await db.apiToken.findUnique({ where: { id: tokenId } });
  const mine = row && viewer.kind === "user" && row.userId === viewer.id;
  if (!row || (!mine && !can(viewer, "users.manage"))) throw notFound("token");
  if (row.revokedAt) return publicToken(row);
  return db.$transaction(async (tx) => {
    const after = await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await appendAudit(tx, viewer, { action: "api_token.revoke", targetType: "ApiToken", targetId: row.id, after: { revokedAt: after.revokedAt } });
    return publicToken(after);
  });
}

/** The viewer behind a bearer token; throws UNAUTHENTICATED with the reason a caller can act on. */
export async function viewerFromToken(token: string, context: RequestContext): Promise<UserViewer> {
  if (!looksLikeToken(token)) throw new AppError("UNAUTHENTICATED", "The API token is malformed.");
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row) throw new AppError("UNAUTHENTICATED", "The API token is not valid.");
  if (row.revokedAt) throw new AppError("UNAUTHENTICATED", "The API token has been revoked.");
  if (row.expiresAt && row.expiresAt <= new Date()) throw new AppError("UNAUTHENTICATED", "The API token has expired.");
  if (row.user.disabledAt) throw new AppError("FORBIDDEN", "The account this token belongs to is disabled.");
  // Recording use is best-effort and coarse (once a minute) to keep reads cheap.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  const { user } = row;
  return { kind: "user", id: user.id, email: user.email, name: user.name, roles: user.roles, ...context };
}
