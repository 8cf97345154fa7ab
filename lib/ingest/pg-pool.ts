import "server-only";
// A plain `pg` pool for the log pipeline's bulk writes and partition upkeep: multi-row inserts
// from arrays are far faster than the ORM, and DDL (partitions) needs a raw connection anyway.
import pg from "pg";

const globalForPool = globalThis as unknown as { countersignIngestPool?: pg.Pool };

export function ingestPool(): pg.Pool {
  if (globalForPool.countersignIngestPool) return globalForPool.countersignIngestPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the log pipeline needs the database.");
  const pool = new pg.Pool({ connectionString, max: Number(process.env.INGEST_DB_CONNECTIONS) || 8, application_name: "countersign-ingest" });
  pool.on("error", () => undefined); // an idle client's error is reported on its next use
  globalForPool.countersignIngestPool = pool;
  return pool;
}

export async function closeIngestPool() {
  const pool = globalForPool.countersignIngestPool;
  globalForPool.countersignIngestPool = undefined;
  await pool?.end();
}

/** Runs `fn` in a transaction on one pooled connection. */
export async function withIngestTx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await ingestPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
