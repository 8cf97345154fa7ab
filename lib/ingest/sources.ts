import "server-only";
// Ingest sources: streaming tokens (created, listed and revoked by ADMIN; shown once, stored
// hashed), and the named sources of file imports and the API poller.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { IngestSourceKind } from "@/lib/generated/prisma/enums";
import { generateToken, hashToken } from "@/lib/tokens/token-format";

const TOKEN_PREFIX = "csi_";
const KIND_NAMES: Record<IngestSourceKind, string> = { STREAM: "streaming", IMPORT: "file import", POLLER: "Tailscale API" };

export const ZSourceName = z
  .string()
  .trim()
  .min(1, "Name the source.")
  .max(80, "A source name has at most 80 characters.")
  .regex(/^[\p{L}\p{N} ._:/@-]+$/u, "A source name may hold letters, digits, spaces and . _ : / @ -");


export type SourceView = {
  id: number;
  name: string;
  kind: IngestSourceKind;
  tokenPrefix: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastRequestAt: Date | null;
  lastRecordAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
};

const SOURCE_SELECT = {
  id: true,
  name: true,
  kind: true,
  tokenPrefix: true,
  createdAt: true,
  revokedAt: true,
  lastRequestAt: true,
  lastRecordAt: true,
  lastErrorAt: true,
  lastError: true,
} as const;

/** Creates a streaming source and its token; the token is returned once. */
export async function createIngestToken({ viewer, input }: { viewer: Viewer; input: unknown }) {
  assertCan(viewer, "settings.manage");
  const { name } = parseInput(z.object({ name: ZSourceName }), input);
  if (await db.ingestSource.findUnique({ where: { name } })) throw new AppError("CONFLICT", `A source named "${name}" already exists.`);
  const token = generateToken(TOKEN_PREFIX);
  const source = await db.$transaction(async (tx) => {
    const row = await tx.ingestSource.create({
      data: { name, kind: "STREAM", tokenHash: hashToken(token), tokenPrefix: token.slice(0, 10), createdById: viewer.kind === "user" ? viewer.id : null },
      select: SOURCE_SELECT,
    });
    await appendAudit(tx, viewer, { action: "ingest_token.create", targetType: "IngestSource", targetId: String(row.id), after: { name, tokenPrefix: row.tokenPrefix } });
    return row;
  });
  return { token, source };
}

export async function revokeIngestToken({ viewer, id }: { viewer: Viewer; id: unknown }) {
  assertCan(viewer, "settings.manage");
  const sourceId = parseInput(z.coerce.number().int().positive(), id);
  return db.$transaction(async (tx) => {
    const row = await tx.ingestSource.findUnique({ where: { id: sourceId } });
    if (!row || row.kind !== "STREAM") throw notFound("ingest token");
    if (row.revokedAt) return row;
    const updated = await tx.ingestSource.update({ where: { id: sourceId }, data: { revokedAt: new Date() }, select: SOURCE_SELECT });
    await appendAudit(tx, viewer, { action: "ingest_token.revoke", targetType: "IngestSource", targetId: String(row.id), before: { name: row.name }, after: { revokedAt: updated.revokedAt } });
    return updated;
  });
}

export async function listIngestSources({ viewer }: { viewer: Viewer }): Promise<SourceView[]> {
  assertCan(viewer, "settings.manage");
  return db.ingestSource.findMany({ select: SOURCE_SELECT, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }] });
}

/** The source for file imports or the poller, created on first use. */
export async function findOrCreateSource(name: string, kind: Exclude<IngestSourceKind, "STREAM">): Promise<{ id: number; name: string }> {
  const parsed = parseInput(ZSourceName, name);
  const source = await db.ingestSource.upsert({ where: { name: parsed }, create: { name: parsed, kind }, update: {}, select: { id: true, name: true, kind: true } });
  // A name keeps its kind: an upload must not be stored as if the API poller had fetched it.
  if (source.kind !== kind) throw new AppError("CONFLICT", `"${parsed}" is a ${KIND_NAMES[source.kind]} source; name this ${KIND_NAMES[kind]} source differently.`);
  return { id: source.id, name: source.name };
}

/**
 * The streaming source an Authorization header names: HTTP Basic with the token as the password
 * (any user name), `Bearer <token>` or `Splunk <token>`. Null when absent, unknown or revoked.
 */
export async function authenticateIngest(header: string | null): Promise<{ id: number; name: string } | null> {
  const token = tokenFromHeader(header);
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // Looked up by its SHA-256: the stored value is a hash, so there is no secret to compare in time.
  const source = await db.ingestSource.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, name: true, kind: true, revokedAt: true } });
  if (!source || source.kind !== "STREAM" || source.revokedAt) return null;
  return { id: source.id, name: source.name };
}

export function tokenFromHeader(header: string | null): string | null {
  if (!header) return null;
  const match = /^\s*(\w+)\s+(\S+)\s*$/.exec(header);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === "bearer" || scheme === "splunk") return value;
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : decoded;
  }
  return null;
}
