// The environment, parsed with zod once: every variable the app reads is listed here, and a
// missing or malformed one stops the start with a message naming it.
import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const ZEnv = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
        message: "must be a PostgreSQL URL such as postgresql://user:password@host:5432/countersign",
      }),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    NEXTAUTH_URL: z.url("must be the app's public URL, e.g. https://countersign.example.com").optional(),
    PORT: positiveInt(3000),
    EMBEDDED_DATABASE_PORT: positiveInt(54329),
    DATA_DIR: z.string().default(".data"),
    TRUSTED_PROXY_HOPS: positiveInt(1),
    RUN_WORKERS: z.enum(["true", "false"]).default("true"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    INGEST_MAX_BODY_MB: positiveInt(32),
    INGEST_MAX_DECODED_MB: positiveInt(256),
    INGEST_MAX_RECORD_KB: positiveInt(1024),
    TAILSCALE_API_BASE_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.tailscale.com" })
      .default("https://api.tailscale.com")
      .transform((v) => v.replace(/\/+$/, "")),
    LOCKOUT_THRESHOLD: positiveInt(5),
    LOCKOUT_WINDOW_MINUTES: positiveInt(15),
    LOCKOUT_DURATION_MINUTES: positiveInt(15),
    SIGN_IN_FAILURES_PER_ADDRESS: positiveInt(50),
    OIDC_ISSUER: z.url("must be the issuer URL of your identity provider").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    OIDC_ROLES_CLAIM: z.string().default("groups"),
    OIDC_ROLE_MAP: z.string().default(""),
    OIDC_AUTO_CREATE_USERS: z.enum(["true", "false", "1", "0"]).default("true").transform((v) => v === "true" || v === "1"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "single sign-on needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      });
    }
  });

export type Env = z.infer<typeof ZEnv>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const empty = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = ZEnv.safeParse(empty);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new EnvError(`Countersign cannot start: the environment is not valid.\n${lines.join("\n")}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
