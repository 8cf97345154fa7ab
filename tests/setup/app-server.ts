// End-to-end tests run against the built app started the way users start it: the
// `npm start` launcher, on a fresh embedded PostgreSQL (or TEST_DATABASE_URL), on a free port.
// The first-run administrator it prints is handed to the tests. Single sign-on points at a
// local OpenID Connect provider (tests/support/oidc-idp.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { embeddedDatabaseUrl } from "@/lib/runtime/embedded-db";
import { startApp } from "../support/app-process";
import { freePort } from "../support/free-port";
import { IDP_CLIENT, startIdp } from "../support/oidc-idp";

const ROOT = path.resolve(__dirname, "..", "..");

function build() {
  if (process.env.E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
}

export default async function setup(project: TestProject) {
  build();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-e2e-"));
  const baseUrl = `http://localhost:${port}`;
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
  const idp = await startIdp(await freePort(), `${baseUrl}/api/auth/callback/oidc`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_DATABASE_PORT: String(await freePort()),
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: "e2e-secret-".padEnd(48, "x"),
    LOG_LEVEL: "warn",
    DATABASE_URL: external ?? "",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: IDP_CLIENT.id,
    OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
    OIDC_NAME: "Test IdP",
    OIDC_ROLE_MAP: "ir-team=SECURITY,executives=COO",
  };
  const app = await startApp(baseUrl, env);
  const output = app.output();

  const admin = /email:\s+(\S+)[\s\S]*?password:\s+(\S+)/.exec(output);
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", external ?? embeddedDatabaseUrl(dataDir));
  project.provide("firstAdmin", admin ? { email: admin[1]!, password: admin[2]! } : null);

  return async () => {
    // The launcher stops the embedded database with it (ten seconds at most).
    await app.stop();
    await idp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    firstAdmin: { email: string; password: string } | null;
  }
}
