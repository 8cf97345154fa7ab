import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonRecordSplitter, type SplitItem } from "./json-splitter";

function split(body: string | Buffer, chunkSize = body.length, maxRecordBytes = 1 << 20): SplitItem[] {
  const splitter = new JsonRecordSplitter({ maxRecordBytes, keepBytes: 1000 });
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const out: SplitItem[] = [];
  for (let i = 0; i < bytes.length; i += Math.max(1, chunkSize)) out.push(...splitter.push(bytes.subarray(i, i + Math.max(1, chunkSize))));
  out.push(...splitter.end());
  return out;
}
const values = (items: SplitItem[]) => items.map((i) => (i.kind === "value" ? JSON.parse(i.text) : { malformed: i.reason }));

const a = { action: "UPDATE", actor: { id: "u1" }, note: 'braces } ] { [ and "quotes" \\ inside' };
const b = { nodeId: "n1", virtualTraffic: [{ src: "100.64.0.1:1", dst: "100.64.0.2:2" }] };

describe("JsonRecordSplitter", () => {
  it.each([
    ["concatenated objects", JSON.stringify(a) + JSON.stringify(b)],
    ["NDJSON", `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`],
    ["CRLF NDJSON with blank lines", `\r\n${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n`],
    ["a JSON array", JSON.stringify([a, b])],
    ["a pretty-printed array", JSON.stringify([a, b], null, 2)],
    ["a logs wrapper", JSON.stringify({ version: "1.1", tailnetId: "example.com", logs: [a, b] })],
    ["a logs wrapper with keys after the logs", JSON.stringify({ logs: [a, b], tailnetId: "x", nested: { logs: [1] } })],
    ["a byte-order mark", "\ufeff" + JSON.stringify(a) + JSON.stringify(b)],
  ])("splits %s into records", (_name, body) => {
    for (const chunk of [1, 3, 7, 64, body.length]) expect(values(split(body, chunk))).toEqual([a, b]);
  });

  it("returns a single object as one record, and nested logs keys do not unwrap it", () => {
    const record = { action: "UPDATE", actor: {}, new: { logs: [1, 2] } };
    expect(values(split(JSON.stringify(record)))).toEqual([record]);
  });

  it("keeps arrays of arrays and scalars as values for the caller to reject", () => {
    expect(values(split('[[1,2], 3, "x", {"nodeId":"n"}]'))).toEqual([[1, 2], 3, "x", { nodeId: "n" }]);
  });

  it("reports text that is not JSON, with its offset, and resumes on the next line", () => {
    const items = split(`hello world\n${JSON.stringify(a)}`);
    expect(items[0]).toMatchObject({ kind: "malformed", offset: 0, text: "hello world" });
    expect(items[0]!.kind === "malformed" && items[0]!.reason).toMatch(/not JSON: unexpected "h" at byte 0/);
    expect(values(items.slice(1))).toEqual([a]);
  });

  it("reports a stray byte between concatenated objects and keeps the object after it", () => {
    const items = split(`${JSON.stringify(a)}}x${JSON.stringify(b)}`);
    expect(items.map((i) => i.kind)).toEqual(["value", "malformed", "value"]);
    expect(values([items[0]!, items[2]!])).toEqual([a, b]);
    expect(items[1]).toMatchObject({ text: "}x" });
  });

  it("cuts a record whose string runs past the end of its line, and keeps the next one", () => {
    const items = split(`{"action":"UPDATE","actor":{"id":"u1}\n${JSON.stringify(b)}\n`);
    expect(items[0]).toMatchObject({ kind: "malformed", reason: expect.stringMatching(/string is not closed/) });
    expect(values(items.slice(1))).toEqual([b]);
  });

  it("reports a record cut off by the end of the body", () => {
    const items = split(JSON.stringify(a) + '{"nodeId":"n1","start":');
    expect(values(items.slice(0, 1))).toEqual([a]);
    expect(items[1]).toMatchObject({ kind: "malformed", reason: expect.stringMatching(/ended in the middle/) });
  });

  it("reports a record larger than the limit without keeping all of it", () => {
    const big = { action: "UPDATE", actor: {}, new: "x".repeat(5000) };
    const items = split(JSON.stringify(big) + JSON.stringify(a), 100, 2000);
    expect(items[0]).toMatchObject({ kind: "malformed", reason: "record is larger than 2000 bytes", bytes: JSON.stringify(big).length });
    expect(items[0]!.kind === "malformed" && items[0]!.text.length).toBeLessThanOrEqual(2000);
    expect(values(items.slice(1))).toEqual([a]);
  });

  it("keeps multi-byte characters intact across chunk boundaries", () => {
    const record = { action: "UPDATE", actor: { displayName: "Zoë 🦊 Ünal" } };
    for (const chunk of [1, 2, 5]) expect(values(split(JSON.stringify(record) + JSON.stringify(record), chunk))).toEqual([record, record]);
  });

  it("splits any sequence of JSON objects, in any framing and any chunking, back into the same objects", () => {
    const objects = fc.array(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }), { maxLength: 8 });
    fc.assert(
      fc.property(objects, fc.constantFrom("concat", "ndjson", "array", "wrapper"), fc.integer({ min: 1, max: 50 }), (records, framing, chunk) => {
        // A top-level "logs" array is the wrapper's marker; generated records must not carry one.
        const safe = records.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "logs")));
        const body =
          framing === "concat" ? safe.map((r) => JSON.stringify(r)).join("")
          : framing === "ndjson" ? safe.map((r) => JSON.stringify(r)).join("\n")
          : framing === "array" ? JSON.stringify(safe)
          : JSON.stringify({ logs: safe });
        expect(values(split(body, chunk))).toEqual(safe.map((r) => JSON.parse(JSON.stringify(r))));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary bytes, and a valid record after a line of garbage still comes out", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 40 }), (bytes, chunk) => {
        // Garbage without line breaks, then a line break and a good record: the record survives.
        const garbage = Buffer.from(bytes.filter((c) => c !== 0x0a && c !== 0x7b && c !== 0x5b && c !== 0x22));
        const items = split(Buffer.concat([garbage, Buffer.from(`\n${JSON.stringify(a)}\n`)]), chunk);
        expect(values(items.filter((i) => i.kind === "value"))).toContainEqual(a);
        split(Buffer.from(bytes), chunk); // and raw arbitrary bytes never throw
      }),
      { numRuns: 500 },
    );
  });
});
