// A session-signing secret for installs that did not set NEXTAUTH_SECRET: generated once and
// kept under DATA_DIR, so sessions survive restarts.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function ensureAuthSecret(dataDir: string): string {
  const file = path.join(path.resolve(dataDir), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
