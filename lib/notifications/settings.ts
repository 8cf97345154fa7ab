import "server-only";
// Where notifications go: Slack incoming webhook, SMTP email, a generic signed webhook.
// Edited by ADMIN on /admin/notifications; secrets are sealed at rest and never shown again.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { seal, unseal } from "@/lib/settings/secret-box";

const KEY = "notifications";

export type NotificationSettings = {
  slack: { enabled: boolean; webhookUrl: string | null };
  email: { enabled: boolean; host: string; port: number; secure: boolean; user: string; password: string | null; from: string };
  webhook: { enabled: boolean; url: string; secret: string | null };
};

type Stored = {
  slack?: { enabled?: boolean; webhookUrl?: string };
  email?: { enabled?: boolean; host?: string; port?: number; secure?: boolean; user?: string; password?: string; from?: string };
  webhook?: { enabled?: boolean; url?: string; secret?: string };
};

const DEFAULTS: NotificationSettings = {
  slack: { enabled: false, webhookUrl: null },
  email: { enabled: false, host: "", port: 587, secure: false, user: "", password: null, from: "Countersign <countersign@localhost>" },
  webhook: { enabled: false, url: "", secret: null },
};

async function readStored(): Promise<Stored> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  return (row?.value as Stored | undefined) ?? {};
}

/** The settings with secrets unsealed, for the delivery jobs only. */
export async function getNotificationSettings(): Promise<NotificationSettings> {
  const s = await readStored();
  const open = (v: string | undefined) => (v ? unseal(v) : null);
  return {
    slack: { enabled: s.slack?.enabled ?? false, webhookUrl: open(s.slack?.webhookUrl) },
    email: {
      enabled: s.email?.enabled ?? false,
      host: s.email?.host ?? DEFAULTS.email.host,
      port: s.email?.port ?? DEFAULTS.email.port,
      secure: s.email?.secure ?? DEFAULTS.email.secure,
      user: s.email?.user ?? "",
      password: open(s.email?.password),
      from: s.email?.from ?? DEFAULTS.email.from,
    },
    webhook: { enabled: s.webhook?.enabled ?? false, url: s.webhook?.url ?? "", secret: open(s.webhook?.secret) },
  };
}

/** What the settings page shows: secrets only as "set" or not. */
export async function getNotificationSettingsForAdmin({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "settings.manage");
  const s = await getNotificationSettings();
  const stored = await readStored();
  return {
    slack: { enabled: s.slack.enabled, hasWebhookUrl: Boolean(s.slack.webhookUrl), webhookHost: s.slack.webhookUrl ? new URL(s.slack.webhookUrl).host : null },
    email: { ...s.email, password: undefined, hasPassword: Boolean(s.email.password) },
    webhook: { enabled: s.webhook.enabled, url: s.webhook.url, hasSecret: Boolean(s.webhook.secret) },
    unreadableSecrets: Boolean(
      (stored.slack?.webhookUrl && !s.slack.webhookUrl) || (stored.email?.password && !s.email.password) || (stored.webhook?.secret && !s.webhook.secret),
    ),
  };
}

const httpUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), `${label} must be an http(s) URL.`);
const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).optional().transform((v) => v === true || v === "on" || v === "true");

export const ZNotificationSettingsInput = z.object({
  slackEnabled: checkbox,
  /** Empty keeps the stored URL. */
  slackWebhookUrl: httpUrl("The Slack webhook URL").optional(),
  emailEnabled: checkbox,
  smtpHost: z.string().trim().max(255).regex(/^[A-Za-z0-9.-]*$/, "Give a host name or address.").default(""),
  smtpPort: z.coerce.number().int().min(1, "A port is 1 to 65535.").max(65535, "A port is 1 to 65535.").default(587),
  smtpSecure: checkbox,
  smtpUser: z.string().trim().max(255).default(""),
  smtpPassword: z.string().max(1000).optional(),
  emailFrom: z.string().trim().max(320).default(DEFAULTS.email.from),
  webhookEnabled: checkbox,
  webhookUrl: httpUrl("The webhook URL").default(""),
  webhookSecret: z.string().max(1000).optional(),
}).superRefine((v, ctx) => {
  if (v.emailEnabled && !v.smtpHost) ctx.addIssue({ code: "custom", path: ["smtpHost"], message: "Email needs an SMTP host." });
  if (v.webhookEnabled && !v.webhookUrl) ctx.addIssue({ code: "custom", path: ["webhookUrl"], message: "The webhook needs a URL." });
});

export async function updateNotificationSettings({ viewer, input }: { viewer: Viewer; input: unknown }) {
  assertCan(viewer, "settings.manage");
  const v = parseInput(ZNotificationSettingsInput, input);
  const before = await readStored();
  const keep = (next: string | undefined, old: string | undefined) => (next ? seal(next) : old);
  const stored: Stored = {
    slack: { enabled: v.slackEnabled, webhookUrl: keep(v.slackWebhookUrl, before.slack?.webhookUrl) },
    email: { enabled: v.emailEnabled, host: v.smtpHost, port: v.smtpPort, secure: v.smtpSecure, user: v.smtpUser, password: keep(v.smtpPassword, before.email?.password), from: v.emailFrom },
    webhook: { enabled: v.webhookEnabled, url: v.webhookUrl, secret: keep(v.webhookSecret, before.webhook?.secret) },
  };
  if (v.slackEnabled && !stored.slack?.webhookUrl) {
    const message = "Slack needs its incoming webhook URL.";
    throw new AppError("INVALID_INPUT", message, { fieldErrors: { slackWebhookUrl: [message] } });
  }
  const summary = (s: Stored) => ({
    slack: { enabled: s.slack?.enabled ?? false, webhookUrl: s.slack?.webhookUrl ? "[set]" : null },
    email: { ...s.email, password: s.email?.password ? "[set]" : null },
    webhook: { enabled: s.webhook?.enabled ?? false, url: s.webhook?.url, secret: s.webhook?.secret ? "[set]" : null },
  });
  await db.$transaction(async (tx) => {
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: stored as Prisma.InputJsonValue }, update: { value: stored as Prisma.InputJsonValue } });
    await appendAudit(tx, viewer, { action: "settings.notifications_update", targetType: "AppSetting", targetId: KEY, before: summary(before), after: summary(stored) });
  });
}
