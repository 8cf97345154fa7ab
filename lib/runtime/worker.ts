// `npm run worker`: the background workers alone, for deployments whose web instances run
// with RUN_WORKERS=false. Uses DATABASE_URL, or joins the embedded server.
import { EnvError, parseEnv } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { ensureAuthSecret } from "./secrets";
import { migrateIfNeeded, openDatabase } from "./database";

async function main() {
  const config = parseEnv();
  const database = await openDatabase(config);
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ||= ensureAuthSecret(config.DATA_DIR);
  await migrateIfNeeded(database.url);
  await startWorkers();
  console.log("Countersign workers are running. Stop with Ctrl-C.");
  const stop = async () => {
    await stopBoss();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `Countersign workers could not start: ${error?.message ?? error}`);
  process.exit(1);
});
