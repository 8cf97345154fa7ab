// Integration tests: one migrated database for the run, handed to the workers as DATABASE_URL.
import { startTestDatabase } from "./test-database";

export default async function setup() {
  const db = await startTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ||= "integration-test-secret-".padEnd(48, "x");
  process.env.JOB_RETRY_DELAY_SECONDS ||= "1";
  return async () => db.stop();
}
