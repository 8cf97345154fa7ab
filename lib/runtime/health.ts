import "server-only";
// Liveness and readiness for load balancers and the smoke test: is the database answering?
import { db } from "@/lib/db";

export async function checkHealth(): Promise<{ ok: boolean; database: "up" | "down" }> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, database: "up" };
  } catch {
    return { ok: false, database: "down" };
  }
}
