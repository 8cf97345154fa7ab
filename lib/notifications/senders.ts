import "server-only";
// The three ways out: a Slack incoming webhook, email over SMTP (nodemailer), and a generic
// webhook signed with HMAC-SHA256 so the receiver can check it came from us.
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { NotificationSettings } from "./settings";

const TIMEOUT_MS = 10_000;

async function postJson(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Countersign", ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: "error",
  });
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
}

export async function sendSlack(webhookUrl: string, text: string) {
  await postJson(webhookUrl, JSON.stringify({ text }));
}

/** Signature: hex HMAC-SHA256 of `<timestamp>.<body>` with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export async function sendWebhook(url: string, secret: string | null, payload: Record<string, unknown>) {
  const body = JSON.stringify({ ...payload, sentAt: new Date().toISOString() });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "x-countersign-timestamp": timestamp };
  if (secret) headers["x-countersign-signature"] = `sha256=${signWebhook(secret, timestamp, body)}`;
  await postJson(url, body, headers);
}

export async function sendEmail(smtp: NotificationSettings["email"], to: string, subject: string, text: string) {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject, text });
  } finally {
    transport.close();
  }
}
