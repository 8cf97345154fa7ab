import "server-only";
// Walks the whole audit trail in order, a page at a time, and checks the hash chain.
import { db } from "@/lib/db";
import { checkChainSegment, GENESIS_HASH, type ChainCheck } from "./chain";

const PAGE = 2000;

export async function verifyAuditTrail(): Promise<ChainCheck> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let total = 0;
  for (;;) {
    const page = await db.auditLog.findMany({ where: { seq: { gt: previous.seq } }, orderBy: { seq: "asc" }, take: PAGE });
    if (page.length === 0) break;
    const result = checkChainSegment(page, previous);
    if (!result.ok) return { ...result, count: total + result.count };
    total += result.count;
    previous = { seq: result.headSeq, hash: result.headHash };
  }
  return { ok: true, count: total, headSeq: previous.seq, headHash: previous.hash };
}
