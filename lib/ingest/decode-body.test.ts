import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { compress as zstdCompress, init as zstdInit } from "@bokuweb/zstd-wasm";
import { BodyError, decodeBody, ZstdFrameGuard, zstdWindowSize } from "./decode-body";

const collect = async (source: Uint8Array[], encoding: "gzip" | "zstd", maxDecodedBytes = 1 << 20) => {
  const out: Buffer[] = [];
  for await (const part of decodeBody(source, encoding, { maxCompressedBytes: 1 << 20, maxDecodedBytes })) out.push(part);
  return Buffer.concat(out).toString();
};

// zstd-wasm once per file: initialising it again between compressions corrupts later output.
beforeAll(() => zstdInit());

describe("decodeBody", () => {
  it("decodes gzip and zstd split into small chunks", async () => {
    const text = JSON.stringify({ hello: "world" }).repeat(100);
    const split = (b: Buffer) => [b.subarray(0, 3), b.subarray(3, 9), b.subarray(9)];
    expect(await collect(split(gzipSync(text)), "gzip")).toBe(text);
    expect(await collect(split(Buffer.from(zstdCompress(Buffer.from(text), 3))), "zstd")).toBe(text);
  });

  it("refuses a zstd frame that claims a window over the limit before allocating it", async () => {
    // A hand-made frame header: magic, descriptor (no single segment), window descriptor 2^(10+21) = 2 GiB.
    const bomb = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 21 << 3, 0, 0, 0]);
    expect(zstdWindowSize(bomb)).toBe(2 ** 31);
    const error = await collect([bomb], "zstd").catch((e) => e);
    expect(error).toBeInstanceOf(BodyError);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/window/);
  });

  it("stops gzip output at the decompressed limit", async () => {
    const error = await collect([gzipSync(Buffer.alloc(4 << 20, 0x20))], "gzip", 1 << 20).catch((e) => e);
    expect(error).toMatchObject({ status: 413 });
  });
});

describe("ZstdFrameGuard", () => {
  it("refuses a window bomb in a second frame, after a good first frame", async () => {
    const good = Buffer.from(zstdCompress(Buffer.from(JSON.stringify({ a: 1 })), 3));
    const bomb = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 21 << 3, 0, 0, 0]);
    const error = await collect([Buffer.concat([good, bomb])], "zstd").catch((e) => e);
    expect(error).toMatchObject({ status: 413 });
    expect(error.message).toMatch(/window/);
  });

  it("passes many frames, skippable frames and checksums through whole, whatever the chunking", async () => {
    const parts = ["first", "second".repeat(2000), "third"].map((t) => JSON.stringify({ t }));
    const skippable = Buffer.from([0x5e, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);
    const body = Buffer.concat([Buffer.from(zstdCompress(Buffer.from(parts[0]!), 1)), skippable, ...parts.slice(1).map((p) => Buffer.from(zstdCompress(Buffer.from(p), 19)))]);
    for (const size of [1, 2, 7, 64, body.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size));
      expect(await collect(chunks, "zstd")).toBe(parts.join(""));
    }
    const seen: number[] = [];
    const guard = new ZstdFrameGuard((w) => seen.push(w));
    const passed = Buffer.concat([...guard.feed(body), ...guard.end()]);
    expect(passed.equals(body)).toBe(true);
    expect(seen).toHaveLength(3);
  });
});
