// Runs once when a Next.js server starts: the background workers (notifications, and the
// scheduled jobs of later features), unless this instance is web-only (RUN_WORKERS=false).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.RUN_WORKERS === "false") return;
  const { startWorkers } = await import("./lib/jobs/worker");
  await startWorkers();
}
