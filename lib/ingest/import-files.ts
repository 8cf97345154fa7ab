import "server-only";
// File import: a file or a folder (Tailscale's S3 export layout, YYYY/MM/DD/*.ndjson[.gz|.zst])
// of .json, .ndjson, .gz and .zst files, through the same pipeline as streaming.
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { sniffEncoding } from "./decode-body";
import { ingestStream, type IngestSummary } from "./ingest";
import { findOrCreateSource } from "./sources";

export const IMPORTABLE = /\.(json|ndjson|jsonl|txt|gz|zst)$/i;
// Files are parsed record by record, so a file may be far larger than a streamed request.
const FILE_LIMITS = { maxCompressedBytes: Number.MAX_SAFE_INTEGER, maxDecodedBytes: Number.MAX_SAFE_INTEGER };

// Uploads come over HTTP from a browser: bounded, but far above a streamed request.
export const UPLOAD_LIMITS = { maxCompressedBytes: 1024 * 1024 * 1024, maxDecodedBytes: 8 * 1024 * 1024 * 1024 };

export type ImportProgress = { file: string; filesDone: number; files: number; bytesRead: number; bytesTotal: number; summary: IngestSummary };

/** The importable files under a path, in name order (so an S3 export goes in time order). */
export function listImportFiles(target: string): { path: string; size: number }[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new AppError("NOT_FOUND", `No such file or folder: ${target}`);
  if (stat.isFile()) return [{ path: target, size: stat.size }];
  const files: { path: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && IMPORTABLE.test(entry.name)) files.push({ path: full, size: fs.statSync(full).size });
    }
  };
  walk(target);
  if (files.length === 0) throw new AppError("INVALID_INPUT", `${target} holds no .json, .ndjson, .gz or .zst files.`);
  return files;
}

const add = (a: IngestSummary, b: IngestSummary): IngestSummary => ({
  read: a.read + b.read,
  auditStored: a.auditStored + b.auditStored,
  flowStored: a.flowStored + b.flowStored,
  duplicates: a.duplicates + b.duplicates,
  quarantined: a.quarantined + b.quarantined,
  bytes: a.bytes + b.bytes,
});
export const EMPTY_SUMMARY: IngestSummary = { read: 0, auditStored: 0, flowStored: 0, duplicates: 0, quarantined: 0, bytes: 0 };

/** Imports files from disk (the CLI). */
export async function importFiles({ viewer, target, sourceName = "import", onProgress }: { viewer: Viewer; target: string; sourceName?: string; onProgress?: (p: ImportProgress) => void }): Promise<IngestSummary> {
  assertCan(viewer, "logs.import");
  const files = listImportFiles(target);
  const source = await findOrCreateSource(sourceName, "IMPORT");
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  let total = EMPTY_SUMMARY;
  let bytesBefore = 0;
  for (const [index, file] of files.entries()) {
    const head = Buffer.alloc(4);
    const fd = fs.openSync(file.path, "r");
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    let bytesRead = bytesBefore;
    const stream = fs.createReadStream(file.path, { highWaterMark: 256 * 1024 });
    stream.on("data", (chunk) => (bytesRead += chunk.length));
    const before = total;
    const summary = await ingestStream(stream, {
      sourceId: source.id,
      encoding: sniffEncoding(file.path, head),
      limits: FILE_LIMITS,
      onProgress: (s) => onProgress?.({ file: file.path, filesDone: index, files: files.length, bytesRead, bytesTotal, summary: add(before, s) }),
    });
    total = add(total, summary);
    bytesBefore += file.size;
    onProgress?.({ file: file.path, filesDone: index + 1, files: files.length, bytesRead: bytesBefore, bytesTotal, summary: total });
  }
  await recordImport(viewer, source, { files: files.length, ...total });
  return total;
}

/** Imports one uploaded file (the import page). */
export async function importUpload({ viewer, name, body, sourceName = "upload" }: { viewer: Viewer; name: string; body: AsyncIterable<Uint8Array>; sourceName?: string }): Promise<IngestSummary> {
  assertCan(viewer, "logs.import");
  const source = await findOrCreateSource(sourceName, "IMPORT");
  // Sniff the compression from the first bytes without losing them.
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const replay = (async function* () {
    if (!first.done) yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  const summary = await ingestStream(replay, { sourceId: source.id, encoding: sniffEncoding(name, head), limits: UPLOAD_LIMITS });
  await recordImport(viewer, source, { files: 1, file: name.slice(0, 200), ...summary });
  return summary;
}

async function recordImport(viewer: Viewer, source: { id: number; name: string }, after: object) {
  await db.$transaction((tx) => appendAudit(tx, viewer, { action: "logs.import", targetType: "IngestSource", targetId: String(source.id), after: { source: source.name, ...after } }));
}
