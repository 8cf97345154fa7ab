import "server-only";
// Adding evidence to a case: the upload is received (streamed, hashed, capped), refused if empty,
// its type checked against its content, a recording (.cast) parsed and validated, then stored and
// recorded in one transaction with the audit entry (sha256 and size) and a timeline entry.
import { fileTypeFromBuffer } from "file-type";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, findVisibleCaseId, lockCase, touchCase } from "../case-records";
import { castSearchText, CastError, looksLikeCast, parseCastFile } from "./cast";
import { evidenceConfig, formatBytes } from "./config";
import { sanitizeFileName } from "./sanitize-name";
import { discard, place, receiveToTemp, tooLarge, type Placed, type Received } from "./store";

export const CAST_CONTENT_TYPE = "application/x-asciicast";
const MAX_TEXT_FILE_FOR_SEARCH = 4 * 1024 * 1024;
const MAX_DESCRIPTION = 2000;
const GENERIC_TYPES = new Set(["application/octet-stream", "binary/octet-stream", "application/x-download", "application/unknown"]);
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export type EvidenceKind = "FILE" | "CAST" | "LOG_EXPORT";

export type IncomingFile = {
  name: string | null | undefined;
  declaredType?: string | null;
  /** Content-Length of the file (or of the whole request) if known: refused early when over the limit. */
  declaredLength?: number | null;
  stream: AsyncIterable<Uint8Array>;
};

/** Receives an upload for a case the viewer may see (else NOT_FOUND before a byte is read). */
export async function addEvidence({ viewer, reference, file, description, now = new Date() }: { viewer: Viewer; reference: string; file: IncomingFile; description?: string | null | Promise<string | null>; now?: Date }) {
  await findVisibleCaseId(db, viewer, reference);
  const config = evidenceConfig();
  if (file.declaredLength && file.declaredLength > config.maxBytes) throw tooLarge(config.maxBytes);
  const received = await receiveToTemp(file.stream, config);
  try {
    if (received.size === 0) throw new AppError("BAD_REQUEST", "The file is empty: evidence needs at least one byte.");
    const name = sanitizeFileName(file.name);
    // A multipart form may send the description after the file: it is known once the file is read.
    const said = await description;
    const note = said?.trim() ? said.trim().slice(0, MAX_DESCRIPTION) : null;
    const classified = await classify(received, name, file.declaredType);
    return await commitEvidence({ viewer, reference, received, name, description: note, now, ...classified });
  } finally {
    await discard(received);
  }
}

async function classify(received: Received, name: string, declaredRaw: string | null | undefined) {
  const declared = declaredRaw?.split(";")[0]?.trim().toLowerCase() || null;
  if (declared && !MIME.test(declared)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `"${declared.slice(0, 80)}" is not a media type (expected e.g. text/plain).`);
  const headText = received.head.toString("utf8");
  const isCast = name.toLowerCase().endsWith(".cast") || declared === CAST_CONTENT_TYPE || looksLikeCast(headText);
  if (isCast) {
    try {
      const summary = await parseCastFile(received.tmpPath);
      const { header } = summary;
      return {
        kind: "CAST" as const,
        contentType: CAST_CONTENT_TYPE,
        text: castSearchText(summary),
        meta: { width: header.width, height: header.height, timestamp: header.timestamp ?? null, duration: summary.duration, events: summary.events, textTruncated: summary.truncated, srcNode: header.srcNode ?? null, srcNodeID: header.srcNodeID ?? null, srcNodeUser: header.srcNodeUser ?? null, sshUser: header.sshUser ?? null, localUser: header.localUser ?? null, connectionID: header.connectionID ?? null },
      };
    } catch (error) {
      if (error instanceof CastError) throw new AppError("BAD_REQUEST", `Not a valid asciicast v2 recording. ${error.message}`, { line: error.line });
      throw error;
    }
  }
  const sniffed = await fileTypeFromBuffer(received.head).catch(() => undefined);
  if (sniffed && declared && !GENERIC_TYPES.has(declared) && !sameType(declared, sniffed.mime)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The file's content is ${sniffed.mime}, not the ${declared} it was sent as.`, { sniffed: sniffed.mime, declared });
  }
  const looksText = !sniffed && isUtf8Text(received.head);
  if (!sniffed && declared && !GENERIC_TYPES.has(declared) && isBinaryClaim(declared) && looksText) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The file is plain text, not the ${declared} it was sent as.`, { declared });
  }
  const contentType = sniffed?.mime ?? (declared && !GENERIC_TYPES.has(declared) ? declared : looksText ? "text/plain" : "application/octet-stream");
  let text: string | null = null;
  if (looksText && received.size <= MAX_TEXT_FILE_FOR_SEARCH) {
    const { readFile } = await import("node:fs/promises");
    const content = await readFile(received.tmpPath, "utf8");
    // PostgreSQL text holds no NUL; such a file is not searchable text anyway.
    text = content.includes("\uFFFD") || content.includes("\u0000") ? null : content;
  }
  return { kind: "FILE" as const, contentType, text, meta: sniffed ? { sniffed: sniffed.mime } : null };
}

/** Types whose content has a signature the sniffer knows: claiming one for text is a mismatch. */
function isBinaryClaim(type: string) {
  return /^(image\/(png|jpeg|gif|webp)|application\/(pdf|zip|gzip|x-tar|vnd\.openxmlformats.*)|audio\/|video\/)/.test(type);
}

function sameType(declared: string, sniffed: string) {
  if (declared === sniffed) return true;
  const aliases: Record<string, string[]> = { "image/jpeg": ["image/jpg", "image/pjpeg"], "application/zip": ["application/x-zip-compressed"], "application/gzip": ["application/x-gzip"], "application/x-pcap": ["application/vnd.tcpdump.pcap"] };
  return aliases[sniffed]?.includes(declared) ?? false;
}

function isUtf8Text(head: Buffer) {
  if (head.includes(0)) return false;
  // A cut multibyte character at the end of the sniffed head is fine.
  const text = head.toString("utf8");
  return !text.slice(0, -3).includes("\uFFFD");
}

/** Stores received bytes and writes the evidence row, audit and timeline entries in one transaction. */
export async function commitEvidence(args: {
  viewer: Viewer;
  reference: string;
  received: Received;
  name: string;
  description: string | null;
  kind: EvidenceKind;
  contentType: string;
  text: string | null;
  meta: Record<string, unknown> | null;
  now?: Date;
}) {
  const { viewer, reference, received, name, kind, contentType, text, meta, description } = args;
  const config = evidenceConfig();
  let placed: Placed | null = null;
  try {
    return await db.$transaction(
      async (tx) => {
        const c = await lockCase(tx, viewer, reference);
        // Uploads of the same bytes take turns: one may not remove a file another is about to use.
        await lockContent(tx, received.sha256);
        placed = await place(received, config);
        const item = await tx.caseEvidence.create({
          data: {
            caseId: c.id,
            name,
            contentType,
            size: received.size,
            sha256: received.sha256,
            storage: placed.storage,
            path: placed.storage === "DISK" ? placed.path : null,
            bytes: placed.storage === "DB" ? new Uint8Array(placed.bytes) : null,
            kind,
            text,
            description,
            meta: (meta ?? undefined) as Prisma.InputJsonValue | undefined,
            addedById: viewer.kind === "user" ? viewer.id : null,
          },
          select: { id: true, name: true, kind: true, contentType: true, size: true, sha256: true, storage: true, createdAt: true },
        });
        const label = kind === "CAST" ? "Session recording" : kind === "LOG_EXPORT" ? "Preserved logs" : "Evidence";
        await autoEntry(tx, viewer, c.id, `${label} added: ${name} (${formatBytes(received.size)}, SHA-256 ${received.sha256})`, { evidenceId: item.id, sha256: item.sha256 });
        const updated = await touchCase(tx, c.id);
        await auditCase(tx, viewer, c, "evidence_added", undefined, { evidenceId: item.id, name, kind, sha256: item.sha256, size: item.size, storage: item.storage });
        return { reference, evidence: item, version: updated.version };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // No row was written: remove a file this upload created, unless another row uses the same bytes.
    const put = placed as Placed | null;
    if (put?.storage === "DISK" && put.created) {
      await db
        .$transaction(async (tx) => {
          await lockContent(tx, received.sha256);
          if (!(await tx.caseEvidence.count({ where: { storage: "DISK", path: put.path } }))) await put.cleanup();
        })
        .catch(() => {}); // a leftover file without a row is harmless; the original error matters
    }
    throw error;
  }
}

const CONTENT_LOCK = 7_402_116;
async function lockContent(tx: Tx, sha256: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CONTENT_LOCK}::int, hashtext(${sha256}))`;
}
