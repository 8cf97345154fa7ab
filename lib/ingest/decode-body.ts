// Turns a request or file body into decompressed byte chunks, streaming, with limits on both the
// compressed and the decompressed size (a small gzip bomb must not fill the memory).
import { once } from "node:events";
import zlib from "node:zlib";
import { Decompress as ZstdDecompress } from "fzstd";

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export type Encoding = "identity" | "gzip" | "zstd" | "deflate";

export type DecodeLimits = { maxCompressedBytes: number; maxDecodedBytes: number };

/** Reads a Content-Encoding header; throws 415 for encodings we cannot decode. */
export function parseContentEncoding(header: string | null | undefined): Encoding {
  const value = (header ?? "").trim().toLowerCase();
  if (value === "" || value === "identity") return "identity";
  if (value === "gzip" || value === "x-gzip") return "gzip";
  if (value === "zstd") return "zstd";
  if (value === "deflate") return "deflate";
  throw new BodyError(415, `Content-Encoding ${JSON.stringify(header).slice(0, 60)} is not supported: send gzip, zstd or no encoding.`);
}

/** Guesses the encoding of a file from its name and first bytes. */
export function sniffEncoding(name: string, head: Uint8Array): Encoding {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  if (/\.gz$/i.test(name)) return "gzip";
  if (/\.zst$/i.test(name)) return "zstd";
  return "identity";
}

const MIB = 1024 * 1024;
const describe = (bytes: number) => (bytes >= MIB ? `${Math.round(bytes / MIB)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** Yields the decoded bytes of `source`. Counts what went in and what came out. */
export async function* decodeBody(source: ByteSource, encoding: Encoding, limits: DecodeLimits, counter?: { compressed: number; decoded: number }): AsyncGenerator<Buffer> {
  const count = counter ?? { compressed: 0, decoded: 0 };
  const tooLarge = (what: string, limit: number) => new BodyError(413, `The ${what} body is larger than ${describe(limit)}.`);
  const checkDecoded = (n: number) => {
    count.decoded += n;
    if (count.decoded > limits.maxDecodedBytes) throw tooLarge("decompressed", limits.maxDecodedBytes);
  };

  if (encoding === "identity") {
    const limit = Math.min(limits.maxCompressedBytes, limits.maxDecodedBytes);
    for await (const chunk of source) {
      count.compressed += chunk.byteLength;
      if (count.compressed > limit) throw tooLarge("request", limit);
      count.decoded += chunk.byteLength;
      yield toBuffer(chunk);
    }
    return;
  }

  if (encoding === "zstd") {
    yield* decodeZstd(source, limits, count, checkDecoded, tooLarge);
    return;
  }

  // gzip / deflate through zlib's stream, with backpressure: output comes in pieces and
  // the limit is checked on each, so a gzip bomb stops at the limit.
  // 128 KiB output pieces: fewer round trips through the stream machinery than the 16 KiB default.
  const z = encoding === "gzip" ? zlib.createGunzip({ chunkSize: 128 * 1024 }) : zlib.createInflate({ chunkSize: 128 * 1024 });
  const abort = new AbortController();
  let feedError: unknown = null;
  void (async () => {
    try {
      for await (const chunk of source) {
        if (abort.signal.aborted) return; // the reader has stopped: do not read the rest of the request
        count.compressed += chunk.byteLength;
        if (count.compressed > limits.maxCompressedBytes) throw tooLarge("compressed", limits.maxCompressedBytes);
        if (!z.write(chunk)) await once(z, "drain", { signal: abort.signal });
      }
      z.end();
    } catch (error) {
      if (abort.signal.aborted) return;
      feedError = error;
      z.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const part of z as AsyncIterable<Buffer>) {
      checkDecoded(part.length);
      yield part;
    }
  } catch (error) {
    if (feedError) throw feedError;
    if (error instanceof BodyError) throw error;
    throw new BodyError(400, `The body is not valid ${encoding}: ${(error as Error).message}.`);
  } finally {
    abort.abort();
    z.destroy();
  }
}

async function* decodeZstd(
  source: ByteSource,
  limits: DecodeLimits,
  count: { compressed: number; decoded: number },
  checkDecoded: (n: number) => void,
  tooLarge: (what: string, limit: number) => BodyError,
): AsyncGenerator<Buffer> {
  const pending: Buffer[] = [];
  const decompressor = new ZstdDecompress((data) => {
    checkDecoded(data.byteLength);
    pending.push(toBuffer(data));
  });
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      decompressor.push(chunk, final);
    } catch (error) {
      if (error instanceof BodyError) throw error;
      throw new BodyError(400, `The body is not valid zstd: ${(error as Error).message}.`);
    }
  };
  // fzstd allocates the window a frame header declares before it produces any output, so a
  // 30-byte body could claim gigabytes: every frame's header is read before fzstd sees it, and
  // windows over the limit are refused.
  const maxWindow = Math.min(limits.maxDecodedBytes, MAX_ZSTD_WINDOW);
  const guard = new ZstdFrameGuard((window) => {
    if (window > maxWindow) throw new BodyError(413, `The zstd body asks for a ${describe(window)} window; at most ${describe(maxWindow)} is accepted.`);
  });
  for await (const chunk of source) {
    count.compressed += chunk.byteLength;
    if (count.compressed > limits.maxCompressedBytes) throw tooLarge("compressed", limits.maxCompressedBytes);
    // Bytes go to fzstd only once the header of the frame they belong to has been checked.
    for (const ready of guard.feed(chunk)) push(ready, false);
    while (pending.length) yield pending.shift()!;
  }
  for (const ready of guard.end()) push(ready, false);
  push(new Uint8Array(0), true);
  while (pending.length) yield pending.shift()!;
}

/**
 * Walks a stream of zstd frames (RFC 8878 §3.1) without decompressing: frame headers, block
 * headers, checksums, skippable frames. Holds back the bytes of a frame header until it is whole
 * and its window checked; everything else passes straight through.
 */
export class ZstdFrameGuard {
  private state: "frame" | "block" | "skip" = "frame";
  private held: Buffer = Buffer.alloc(0);
  private skip = 0;
  private checksum = false;
  private afterSkip: "block" | "checksum" | "frame" = "frame";

  constructor(private readonly checkWindow: (window: number) => void) {}

  *feed(chunk: Uint8Array): Generator<Uint8Array> {
    let data: Buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (data.length) {
      if (this.state === "skip") {
        const n = Math.min(this.skip, data.length);
        yield data.subarray(0, n);
        data = data.subarray(n);
        this.skip -= n;
        if (this.skip === 0) this.next();
        continue;
      }
      this.held = this.held.length ? Buffer.concat([this.held, data]) : data;
      data = Buffer.alloc(0);
      const used = this.state === "frame" ? this.frameHeader() : this.blockHeader();
      if (used === 0) return; // need more bytes
      const header = this.held.subarray(0, used);
      data = this.held.subarray(used);
      this.held = Buffer.alloc(0);
      yield header;
    }
  }

  /** At the end of the body: whatever is held (a cut header) goes to fzstd, which names the problem. */
  *end(): Generator<Uint8Array> {
    if (this.held.length) yield this.held;
    this.held = Buffer.alloc(0);
  }

  private next() {
    if (this.afterSkip === "checksum") {
      this.afterSkip = "frame";
      this.skip = 4;
      this.state = "skip";
      return;
    }
    this.state = this.afterSkip === "block" ? "block" : "frame";
  }

  /** Bytes of a whole frame header at the start of `held`, 0 when more are needed. */
  private frameHeader(): number {
    const b = this.held;
    if (b.length < 4) return 0;
    const magic = b.readUInt32LE(0);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      if (b.length < 8) return 0;
      this.skip = b.readUInt32LE(4);
      this.afterSkip = "frame";
      this.state = this.skip ? "skip" : "frame";
      return 8;
    }
    if (magic !== 0xfd2fb528) {
      // Not zstd: pass everything on and let fzstd say what is wrong.
      this.skip = Number.MAX_SAFE_INTEGER;
      this.state = "skip";
      return b.length;
    }
    const window = zstdWindowSize(b);
    if (window === "short") return 0;
    const descriptor = b[4]!;
    const fcsBytes = [descriptor & 0x20 ? 1 : 0, 2, 4, 8][descriptor >> 6]!;
    const length = 5 + (descriptor & 0x20 ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]! + fcsBytes;
    if (b.length < length) return 0;
    if (window !== null) this.checkWindow(window);
    this.checksum = Boolean(descriptor & 0x04);
    this.state = "block";
    return length;
  }

  private blockHeader(): number {
    const b = this.held;
    if (b.length < 3) return 0;
    const header = b[0]! | (b[1]! << 8) | (b[2]! << 16);
    const last = header & 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    this.skip = type === 1 ? 1 : size; // an RLE block holds one byte
    this.afterSkip = last ? (this.checksum ? "checksum" : "frame") : "block";
    this.state = "skip";
    if (this.skip === 0) this.next();
    return 3;
  }
}

const MAX_ZSTD_WINDOW = 128 * MIB;

/**
 * The window size the first zstd frame declares (RFC 8878 §3.1.1.1), "short" when more bytes
 * are needed, or null when the bytes are not a zstd frame (fzstd then says what is wrong).
 */
export function zstdWindowSize(bytes: Uint8Array): number | "short" | null {
  if (bytes.length < 5) return "short";
  if (bytes[0] !== 0x28 || bytes[1] !== 0xb5 || bytes[2] !== 0x2f || bytes[3] !== 0xfd) return null;
  const descriptor = bytes[4]!;
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3]!;
  if (!singleSegment) {
    if (bytes.length < 6) return "short";
    const exponent = bytes[5]! >> 3;
    const mantissa = bytes[5]! & 7;
    const base = 2 ** (10 + exponent);
    return base + (base / 8) * mantissa;
  }
  // Single segment: the window is the content size.
  const sizeBytes = [1, 2, 4, 8][contentSizeFlag]!;
  const at = 5 + dictionaryIdBytes;
  if (bytes.length < at + sizeBytes) return "short";
  let size = 0;
  for (let i = sizeBytes - 1; i >= 0; i--) size = size * 256 + bytes[at + i]!;
  return sizeBytes === 2 ? size + 256 : size;
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
