import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compress as zstdCompress, init as zstdInit } from "@bokuweb/zstd-wasm";
import { BodyError, decodeBody, zstdWindowSize } from "./decode-body";

const collect = async (source: Uint8Array[], encoding: "gzip" | "zstd", maxDecodedBytes = 1 << 20) => {
  const out: Buffer[] = [];
  for await (const part of decodeBody(source, encoding, { maxCompressedBytes: 1 << 20, maxDecodedBytes })) out.push(part);
  return Buffer.concat(out).toString();
};

describe("decodeBody", () => {
  it("decodes gzip and zstd split into small chunks", async () => {
    await zstdInit();
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
