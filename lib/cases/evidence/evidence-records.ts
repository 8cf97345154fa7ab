import "server-only";
// Reading evidence: the list for the case's evidence tab (with each item's chain of custody from
// the audit trail), search in names, hashes and text, download (audited, one entry per download)
// and verify (re-hashes the stored bytes; the result is audited too).
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, findVisibleCaseId } from "../case-records";
import { parseCastTextLine } from "./cast";
import { openStored, rehashStored } from "./store";
import { z } from "zod";

const CUSTODY_ACTIONS = ["case.evidence_added", "case.evidence_downloaded", "case.evidence_verified"] as const;
const MAX_MATCHES_PER_ITEM = 20;

export type CustodyEvent = { action: "added" | "downloaded" | "verified"; at: Date; actor: string; detail: Record<string, unknown> | null };
export type EvidenceMatch = { line: string; lineNo: number; at: number | null };

const ZQuery = z.string().trim().max(200).optional();

async function visibleCase(viewer: Viewer, reference: string) {
  const id = await findVisibleCaseId(db, viewer, reference);
  return db.case.findUniqueOrThrow({ where: { id }, select: { id: true, reference: true, visibility: true } });
}

export async function listEvidence({ viewer, reference, q }: { viewer: Viewer; reference: string; q?: string | null }) {
  const c = await visibleCase(viewer, reference);
  const query = parseInput(ZQuery, q ?? undefined) || undefined;
  const lowered = query?.toLowerCase();
  const where = query
    ? { caseId: c.id, OR: [{ name: { contains: query, mode: "insensitive" as const } }, { sha256: { startsWith: lowered } }, { text: { contains: query, mode: "insensitive" as const } }, { description: { contains: query, mode: "insensitive" as const } }] }
    : { caseId: c.id };
  const rows = await db.caseEvidence.findMany({
    where,
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, contentType: true, size: true, sha256: true, storage: true, description: true, meta: true, addedById: true, createdAt: true, text: !!query },
  });
  const custody = await custodyOf(c.id, rows.map((r) => r.id));
  const exportIds = rows.filter((r) => r.kind === "LOG_EXPORT").map((r) => r.id);
  const exportTexts = new Map((exportIds.length ? await db.caseEvidence.findMany({ where: { id: { in: exportIds } }, select: { id: true, text: true } }) : []).map((r) => [r.id, r.text]));
  const userIds = [...new Set(rows.map((r) => r.addedById).filter((x): x is string => !!x))];
  const users = new Map((userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, u]));
  return {
    reference: c.reference,
    query: query ?? null,
    items: rows.map(({ text, ...r }) => ({
      ...r,
      addedBy: r.addedById ? (users.get(r.addedById) ?? null) : null,
      custody: custody.get(r.id) ?? [],
      matches: lowered && typeof text === "string" ? matchLines(text, lowered, r.kind) : [],
      manifest: r.kind === "LOG_EXPORT" ? manifestLines(exportTexts.get(r.id) ?? null) : null,
    })),
  };
}
export type EvidenceList = Awaited<ReturnType<typeof listEvidence>>;
export type EvidenceItem = EvidenceList["items"][number];

function matchLines(text: string, lowered: string, kind: string): EvidenceMatch[] {
  const out: EvidenceMatch[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && out.length < MAX_MATCHES_PER_ITEM; i++) {
    const line = lines[i] ?? "";
    if (!line.toLowerCase().includes(lowered)) continue;
    const cast = kind === "CAST" ? parseCastTextLine(line) : null;
    out.push({ line: (cast ? cast.text : line).slice(0, 500), lineNo: i + 1, at: cast ? cast.at : null });
  }
  return out;
}

async function custodyOf(caseId: string, ids: string[]) {
  const map = new Map<string, CustodyEvent[]>();
  if (!ids.length) return map;
  const rows = await db.auditLog.findMany({
    where: { targetType: "Case", targetId: caseId, action: { in: [...CUSTODY_ACTIONS] } },
    orderBy: { seq: "asc" },
    select: { action: true, createdAt: true, actorLabel: true, after: true },
  });
  const wanted = new Set(ids);
  for (const row of rows) {
    const after = (row.after ?? {}) as Record<string, unknown>;
    const id = typeof after.evidenceId === "string" ? after.evidenceId : null;
    if (!id || !wanted.has(id)) continue;
    const action = row.action.replace("case.evidence_", "") as CustodyEvent["action"];
    const { evidenceId: _id, ...detail } = after;
    (map.get(id) ?? map.set(id, []).get(id)!).push({ action, at: row.createdAt, actor: row.actorLabel, detail });
  }
  return map;
}

async function findItem(viewer: Viewer, reference: string, evidenceId: string) {
  const c = await visibleCase(viewer, reference);
  if (typeof evidenceId !== "string" || evidenceId.length > 64) throw notFound("evidence");
  const item = await db.caseEvidence.findFirst({ where: { id: evidenceId, caseId: c.id } });
  if (!item) throw notFound("evidence");
  return { c, item };
}

/** One item for display (the player needs the recording's bytes: use openEvidence for those). */
export async function getEvidence({ viewer, reference, evidenceId }: { viewer: Viewer; reference: string; evidenceId: string }) {
  const { item } = await findItem(viewer, reference, evidenceId);
  const { bytes: _bytes, ...rest } = item;
  return rest;
}

/** The bytes for a download; writes the custody entry (who, when) first. */
export async function openEvidence({ viewer, reference, evidenceId, purpose = "download" }: { viewer: Viewer; reference: string; evidenceId: string; purpose?: "download" | "play" }) {
  const { c, item } = await findItem(viewer, reference, evidenceId);
  const stream = await openStored(item);
  if (!stream) throw new AppError("CONFLICT", `The stored bytes of ${item.name} are missing from the evidence folder; verify it and tell an administrator.`);
  await db.$transaction(async (tx) => {
    await auditCase(tx, viewer, c, "evidence_downloaded", undefined, { evidenceId: item.id, name: item.name, sha256: item.sha256, size: item.size, purpose });
  });
  return { stream, name: item.name, contentType: item.contentType, size: item.size, sha256: item.sha256 };
}

/** Re-hashes the stored bytes; says whether they still match the hash taken at upload. */
export async function verifyEvidence({ viewer, reference, evidenceId }: { viewer: Viewer; reference: string; evidenceId: string }) {
  const { c, item } = await findItem(viewer, reference, evidenceId);
  const now = await rehashStored(item);
  const result = now
    ? { ok: now.sha256 === item.sha256 && now.size === item.size, missing: false, expected: item.sha256, actual: now.sha256, size: now.size }
    : { ok: false, missing: true, expected: item.sha256, actual: null, size: null };
  await db.$transaction(async (tx) => {
    await auditCase(tx, viewer, c, "evidence_verified", undefined, { evidenceId: item.id, name: item.name, ok: result.ok, missing: result.missing, sha256: item.sha256, actual: result.actual });
  });
  return { evidenceId: item.id, name: item.name, ...result };
}

/** What the evidence tab shows besides the list: the case's devices (for "preserve logs") and a default range. */
export async function evidenceTabContext({ viewer, reference, now = new Date() }: { viewer: Viewer; reference: string; now?: Date }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const c = await db.case.findUniqueOrThrow({
    where: { id },
    select: { reference: true, title: true, awareAt: true, observables: { where: { type: { in: ["DEVICE_ID", "DEVICE_NAME"] } }, select: { value: true }, orderBy: { value: "asc" } } },
  });
  const from = new Date(Math.min(c.awareAt.getTime() - 24 * 3_600_000, now.getTime() - 3_600_000));
  return { reference: c.reference, title: c.title, devices: c.observables.map((o) => o.value), from, to: now };
}

/** The manifest lines of a log export (per-record SHA-256), at most `limit`. */
export function manifestLines(text: string | null, limit = 200) {
  if (!text) return { lines: [] as string[], more: 0 };
  const all = text.split("\n").filter((l) => /^[0-9a-f]{64} {2}/.test(l));
  return { lines: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
