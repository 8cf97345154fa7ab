import "server-only";
// Settings of the Tailscale API poller, edited by ADMIN on /admin/ingest/tailscale-api: the
// tailnet, how to authenticate (API access token or OAuth client), which logs, the first run's
// backfill window and the polling interval. Secrets are sealed at rest and never shown again.
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { seal, unseal } from "@/lib/settings/secret-box";
import { LOG_TYPES, MAX_BACKFILL_HOURS, type LogType } from "./schedule";
import type { Credentials } from "./tailscale-client";

const KEY = "tailscale_api";

export type AuthMethod = "token" | "oauth";

type Stored = {
  enabled?: boolean;
  tailnet?: string;
  apiUrl?: string;
  authMethod?: AuthMethod;
  apiToken?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  logTypes?: LogType[];
  backfillHours?: number;
  intervalMinutes?: number;
};

export type PollerSettings = {
  enabled: boolean;
  tailnet: string;
  /** Empty: the default, TAILSCALE_API_BASE_URL. */
  apiUrl: string;
  authMethod: AuthMethod;
  apiToken: string | null;
  oauthClientId: string;
  oauthClientSecret: string | null;
  logTypes: LogType[];
  backfillHours: number;
  intervalMinutes: number;
};

export const POLLER_DEFAULTS = { tailnet: "-", backfillHours: 24, intervalMinutes: 5, logTypes: ["configuration"] as LogType[] };

async function readStored(): Promise<Stored> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  return (row?.value as Stored | undefined) ?? {};
}

/** The settings with secrets unsealed, for the poller only. */
export async function getPollerSettings(): Promise<PollerSettings> {
  const s = await readStored();
  return {
    enabled: s.enabled ?? false,
    tailnet: s.tailnet ?? POLLER_DEFAULTS.tailnet,
    apiUrl: s.apiUrl ?? "",
    authMethod: s.authMethod ?? "token",
    apiToken: s.apiToken ? unseal(s.apiToken) : null,
    oauthClientId: s.oauthClientId ?? "",
    oauthClientSecret: s.oauthClientSecret ? unseal(s.oauthClientSecret) : null,
    logTypes: (s.logTypes ?? POLLER_DEFAULTS.logTypes).filter((t) => LOG_TYPES.includes(t)),
    backfillHours: s.backfillHours ?? POLLER_DEFAULTS.backfillHours,
    intervalMinutes: s.intervalMinutes ?? POLLER_DEFAULTS.intervalMinutes,
  };
}

export const effectiveApiUrl = (s: Pick<PollerSettings, "apiUrl">) => s.apiUrl || env().TAILSCALE_API_BASE_URL;

/** The credentials of the chosen method, or null when they are not (readably) stored. */
export function credentialsOf(s: PollerSettings): Credentials | null {
  if (s.authMethod === "token") return s.apiToken ? { method: "token", token: s.apiToken } : null;
  return s.oauthClientId && s.oauthClientSecret ? { method: "oauth", clientId: s.oauthClientId, clientSecret: s.oauthClientSecret } : null;
}

/** What the settings page shows: secrets only as set or not. */
export async function getPollerSettingsForAdmin({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "settings.manage");
  const [s, stored] = await Promise.all([getPollerSettings(), readStored()]);
  return {
    enabled: s.enabled,
    tailnet: s.tailnet,
    apiUrl: s.apiUrl,
    defaultApiUrl: env().TAILSCALE_API_BASE_URL,
    authMethod: s.authMethod,
    hasApiToken: Boolean(s.apiToken),
    oauthClientId: s.oauthClientId,
    hasOauthClientSecret: Boolean(s.oauthClientSecret),
    logTypes: s.logTypes,
    backfillHours: s.backfillHours,
    intervalMinutes: s.intervalMinutes,
    unreadableSecrets: Boolean((stored.apiToken && !s.apiToken) || (stored.oauthClientSecret && !s.oauthClientSecret)),
  };
}
export type PollerSettingsView = Awaited<ReturnType<typeof getPollerSettingsForAdmin>>;

const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).optional().transform((v) => v === true || v === "on" || v === "true");
const secret = (label: string) =>
  z
    .string()
    .trim()
    .max(1000, `${label} has at most 1000 characters.`)
    .regex(/^\S*$/, `${label} has no spaces.`)
    .optional()
    .transform((v) => v || undefined);

export const ZPollerSettingsInput = z
  .object({
    enabled: checkbox,
    tailnet: z
      .string()
      .trim()
      .max(200, "A tailnet name has at most 200 characters.")
      .regex(/^(-|[A-Za-z0-9][A-Za-z0-9._@+-]*)?$/, "Give the tailnet name (e.g. example.com), its ID, or - for the token's own tailnet.")
      .transform((v) => v || "-"),
    apiUrl: z
      .string()
      .trim()
      .max(500, "The API URL has at most 500 characters.")
      .refine((v) => v === "" || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && !new URL(v).username && !new URL(v).password), "The API URL must be an http(s) URL without credentials.")
      .transform((v) => v.replace(/\/+$/, ""))
      .default(""),
    authMethod: z.enum(["token", "oauth"], { error: "Choose an API access token or an OAuth client." }).default("token"),
    /** Empty keeps the stored token. */
    apiToken: secret("The API access token"),
    oauthClientId: z
      .string()
      .trim()
      .max(200, "An OAuth client id has at most 200 characters.")
      .regex(/^[A-Za-z0-9._-]*$/, "An OAuth client id holds letters, digits and . _ - only.")
      .default(""),
    /** Empty keeps the stored secret. */
    oauthClientSecret: secret("The OAuth client secret"),
    logTypes: z
      .union([z.enum(LOG_TYPES), z.array(z.enum(LOG_TYPES))], { error: "Choose configuration and/or network logs." })
      .optional()
      .transform((v) => LOG_TYPES.filter((t) => (Array.isArray(v) ? v : v ? [v] : []).includes(t))),
    backfillHours: z.coerce
      .number({ error: "Give the backfill window in hours." })
      .int("Whole hours only.")
      .min(1, "At least an hour.")
      .max(MAX_BACKFILL_HOURS.configuration, `At most ${MAX_BACKFILL_HOURS.configuration} hours (90 days, Tailscale's retention of configuration logs).`)
      .default(POLLER_DEFAULTS.backfillHours),
    intervalMinutes: z.coerce
      .number({ error: "Give the polling interval in minutes." })
      .int("Whole minutes only.")
      .min(1, "At least a minute.")
      .max(1440, "At most a day (1440 minutes).")
      .default(POLLER_DEFAULTS.intervalMinutes),
  })
  .superRefine((v, ctx) => {
    if (v.enabled && v.logTypes.length === 0) ctx.addIssue({ code: "custom", path: ["logTypes"], message: "Choose at least one log type to poll." });
    if (v.authMethod === "oauth" && v.enabled && !v.oauthClientId) ctx.addIssue({ code: "custom", path: ["oauthClientId"], message: "An OAuth client needs its client id." });
  });

const fieldError = (field: string, message: string) => new AppError("INVALID_INPUT", message, { fieldErrors: { [field]: [message] } });

export async function updatePollerSettings({ viewer, input }: { viewer: Viewer; input: unknown }) {
  assertCan(viewer, "settings.manage");
  const v = parseInput(ZPollerSettingsInput, input);
  const before = await readStored();
  const movesApi = (before.apiUrl ?? "") !== v.apiUrl;
  // A stored secret is never sent to a new address: changing the API URL needs it typed again.
  const keep = (next: string | undefined, old: string | undefined) => (next ? seal(next) : movesApi ? undefined : old);
  const stored: Stored = {
    enabled: v.enabled,
    tailnet: v.tailnet,
    apiUrl: v.apiUrl,
    authMethod: v.authMethod,
    apiToken: keep(v.apiToken, before.apiToken),
    oauthClientId: v.oauthClientId,
    oauthClientSecret: keep(v.oauthClientSecret, before.oauthClientSecret),
    logTypes: v.logTypes,
    backfillHours: v.backfillHours,
    intervalMinutes: v.intervalMinutes,
  };
  if (v.enabled && v.authMethod === "token" && !stored.apiToken) {
    throw fieldError("apiToken", movesApi && before.apiToken ? "Enter the token again: the API URL changed." : "Give an API access token.");
  }
  if (v.enabled && v.authMethod === "oauth" && !stored.oauthClientSecret) {
    throw fieldError("oauthClientSecret", movesApi && before.oauthClientSecret ? "Enter the secret again: the API URL changed." : "Give the OAuth client secret.");
  }
  // Another tailnet or API has other records: its cursors start again from the backfill window.
  const resetsCursors = (before.tailnet ?? POLLER_DEFAULTS.tailnet) !== v.tailnet || movesApi;
  // Secrets appear in the audit trail only as whether they are set.
  // (under a key the audit trail's redaction leaves readable).
  const summary = ({ apiToken, oauthClientSecret, ...rest }: Stored) => ({ ...rest, sealed: [apiToken && "apiToken", oauthClientSecret && "oauthClientSecret"].filter(Boolean) });
  await db.$transaction(async (tx) => {
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: stored as Prisma.InputJsonValue }, update: { value: stored as Prisma.InputJsonValue } });
    if (resetsCursors) await tx.pollerCursor.deleteMany({});
    await appendAudit(tx, viewer, { action: "settings.tailscale_api_update", targetType: "AppSetting", targetId: KEY, before: summary(before), after: { ...summary(stored), cursorsReset: resetsCursors } });
  });
  return { resetsCursors };
}
