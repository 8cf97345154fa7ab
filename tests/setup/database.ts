// Integration tests: one migrated database for the run, handed to the workers as DATABASE_URL.
import { startTestDatabase } from "./test-database";

export default async function setup() {
  const db = await startTestDatabase();
  process.env.DATABASE_URL = db.url;
  return async () => db.stop();
}
