import { describe, expect, it } from "vitest";
import { chainHash, checkChainSegment, GENESIS_HASH, redactForAudit, type ChainedRecord } from "./chain";

function build(n: number): ChainedRecord[] {
  const records: ChainedRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: "u1",
      actorLabel: "a@example.com",
      action: "user.update",
      targetType: "User",
      targetId: `u${seq}`,
      targetVisibility: null,
      before: { roles: ["EMPLOYEE"], b: 1, a: 2 },
      after: { roles: ["EMPLOYEE", "SECURITY"] },
      requestId: "r",
      ip: "127.0.0.1",
    };
    const hash = chainHash(prev, content);
    records.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return records;
}

describe("audit hash chain", () => {
  it("accepts an untouched chain and reports its head", () => {
    const records = build(5);
    expect(checkChainSegment(records)).toEqual({ ok: true, count: 5, headSeq: 5, headHash: records[4]!.hash });
  });

  it("does not depend on key order in before/after (JSONB reorders keys)", () => {
    const [record] = build(1);
    const reordered = { ...record!, before: { a: 2, roles: ["EMPLOYEE"], b: 1 } };
    expect(checkChainSegment([reordered]).ok).toBe(true);
  });

  it("names the first altered record", () => {
    const records = build(5);
    records[2] = { ...records[2]!, after: { roles: ["ADMIN"] } };
    expect(checkChainSegment(records)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining("altered") });
  });

  it("finds a deleted record", () => {
    const records = build(5);
    records.splice(1, 1);
    expect(checkChainSegment(records)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining("missing") });
  });

  it("finds a record re-hashed after tampering through the broken link after it", () => {
    const records = build(4);
    const forged = { ...records[1]!, action: "user.delete" };
    forged.hash = chainHash(forged.prevHash, forged);
    records[1] = forged;
    expect(checkChainSegment(records)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining("link") });
  });

  it("finds records out of order", () => {
    const records = build(3);
    [records[1], records[2]] = [records[2]!, records[1]!];
    expect(checkChainSegment(records)).toMatchObject({ ok: false, seq: 3 });
  });

  it("redacts secrets and keeps the rest JSON-safe", () => {
    expect(
      redactForAudit({ passwordHash: "x", nested: { apiToken: "t", name: "n" }, at: new Date(0), gone: undefined }),
    ).toEqual({ passwordHash: "[redacted]", nested: { apiToken: "[redacted]", name: "n" }, at: "1970-01-01T00:00:00.000Z" });
  });
});
