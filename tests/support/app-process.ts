// Starts the built app the way users do (the `npm start` launcher) and waits until it is healthy.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export type AppProcess = { server: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

export async function waitForHealth(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy:\n${output()}`);
}

/** Spawns the launcher in its own process group, so a signal reaches it and the Next.js server. */
export async function startApp(baseUrl: string, env: NodeJS.ProcessEnv): Promise<AppProcess> {
  let text = "";
  const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/runtime/launch.ts", "start"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (c) => (text += c));
  server.stderr!.on("data", (c) => (text += c));
  const output = () => text;
  await waitForHealth(baseUrl, server, output);
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    try {
      process.kill(-server.pid!, signal);
    } catch {
      // already gone
    }
    if (server.exitCode === null && server.signalCode === null) {
      await Promise.race([new Promise((r) => server.once("exit", r)), new Promise((r) => setTimeout(r, 10_000))]);
    }
  };
  return { server, output, stop };
}
