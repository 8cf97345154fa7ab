import "server-only";
// Evidence bytes on their way in and out. An upload is streamed to a temporary file while it is
// hashed and counted (refused the moment it passes the limit), then either renamed into the
// evidence folder under its SHA-256 (disk: the rename is atomic, and the database row is written
// only after it, so no row ever points at a missing file) or read into the row (db).
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { AppError } from "@/lib/errors";
import { evidenceConfig, formatBytes, type EvidenceConfig } from "./config";

export const SNIFF_BYTES = 4100;

export type Received = { tmpPath: string; size: number; sha256: string; head: Buffer };

export const tooLarge = (limit: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the evidence limit of ${formatBytes(limit)} (${limit} bytes, EVIDENCE_MAX_BYTES).`, { maxBytes: limit });

function tempDir(config: EvidenceConfig) {
  return config.storage === "disk" ? path.join(config.dir, "tmp") : path.join(os.tmpdir(), "countersign-evidence");
}

/** Streams `source` into a temporary file, hashing and counting; at most `limit` bytes. */
export async function receiveToTemp(source: AsyncIterable<Uint8Array> | Readable, config = evidenceConfig(), limit = config.maxBytes): Promise<Received> {
  const dir = tempDir(config);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash("sha256");
  let size = 0;
  const heads: Buffer[] = [];
  let headSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      hash.update(chunk);
      if (headSize < SNIFF_BYTES) {
        heads.push(chunk.subarray(0, SNIFF_BYTES - headSize));
        headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
      }
      done(null, chunk);
    },
  });
  try {
    const input = source instanceof Readable ? source : Readable.from(source);
    await pipeline(input, meter, createWriteStream(tmpPath, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await rm(tmpPath, { force: true });
    throw error;
  }
  return { tmpPath, size, sha256: hash.digest("hex"), head: Buffer.concat(heads) };
}

export const discard = (received: Received) => rm(received.tmpPath, { force: true });

/** Where a hash lives in the evidence folder, relative to it. */
export const objectPath = (sha256: string) => path.posix.join("objects", sha256.slice(0, 2), sha256);

function absolute(config: EvidenceConfig, relative: string) {
  const full = path.resolve(config.dir, relative);
  if (!full.startsWith(config.dir + path.sep)) throw new AppError("INTERNAL", "An evidence path points outside the evidence folder.");
  return full;
}

export type Placed = { storage: "DISK"; path: string; created: boolean; cleanup: () => Promise<void> } | { storage: "DB"; bytes: Buffer; cleanup: () => Promise<void> };

/**
 * Puts the received bytes where they are kept, before the row is written. `cleanup` undoes it if
 * the row then cannot be written (a file this call created and nothing else uses).
 */
export async function place(received: Received, config = evidenceConfig()): Promise<Placed> {
  if (config.storage === "db") {
    const bytes = await readFile(received.tmpPath);
    await discard(received);
    return { storage: "DB", bytes, cleanup: async () => {} };
  }
  const relative = objectPath(received.sha256);
  const target = absolute(config, relative);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const existing = await stat(target).catch(() => null);
  if (existing && existing.size === received.size && (await hashFile(target)) === received.sha256) {
    await discard(received); // the same content is already kept: one file serves both rows
    return { storage: "DISK", path: relative, created: false, cleanup: async () => {} };
  }
  const handle = await open(received.tmpPath, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(received.tmpPath, target);
  return { storage: "DISK", path: relative, created: true, cleanup: () => rm(target, { force: true }) };
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** The stored bytes as a stream, or null when the file is gone from the evidence folder. */
export async function openStored(item: { storage: string; path: string | null; bytes: Uint8Array | null }, config = evidenceConfig()): Promise<Readable | null> {
  if (item.storage === "DB") return item.bytes ? Readable.from([Buffer.from(item.bytes)]) : null;
  if (!item.path) return null;
  const full = absolute(config, item.path);
  const exists = await stat(full).catch(() => null);
  return exists ? createReadStream(full) : null;
}

/** SHA-256 and size of the stored bytes now, or null when they are gone. */
export async function rehashStored(item: { storage: string; path: string | null; bytes: Uint8Array | null }, config = evidenceConfig()) {
  const stream = await openStored(item, config);
  if (!stream) return null;
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest("hex"), size };
}

/** The full path of a disk item (for tests and operators). */
export const storedFilePath = (relative: string, config = evidenceConfig()) => absolute(config, relative);
