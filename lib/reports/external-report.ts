import "server-only";
// Reports from people without an account (the `security@` path): a vulnerability report
// through the public form, followed through a private link whose token is stored only as a hash.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { notFound, parseInput } from "@/lib/errors";
import { systemViewer, type RequestContext } from "@/lib/auth/viewer";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { hashToken } from "@/lib/tokens/token-format";
import { checkAttachments, type IncomingFile } from "./attachments";
import { storeReport } from "./create-report";
import { addReporterMessage, REPORTER_VISIBLE_MESSAGES } from "./reporter-view";
import { text, ZMessageBody } from "./schemas";

export const EXTERNAL_REPORT_LIMIT: RateLimitRule = { name: "external-report", limit: 5, windowMs: 60 * 60_000 };
export const EXTERNAL_REPLY_LIMIT: RateLimitRule = { name: "external-reply", limit: 30, windowMs: 60 * 60_000 };

export const ZExternalReport = z.object({
  name: z.union([text(200, "Your name"), z.null()]).optional().transform((v) => v || undefined),
  email: z
    .union([z.string().trim().max(320).pipe(z.email("Enter a valid email address, or leave it empty.")), z.literal(""), z.null()])
    .optional()
    .transform((v) => v?.toLowerCase() || undefined),
  affectedProduct: z.union([text(500, "The affected product or URL"), z.null()]).optional().transform((v) => v || undefined),
  description: text(20_000, "The description").pipe(z.string().min(1, "Describe the vulnerability or issue.")),
  /** A honeypot: invisible to people, filled in by bots. */
  website: z.string().max(2000).optional(),
});

const external = (context: RequestContext) => ({ ...systemViewer("external reporter"), ...context });

export async function createExternalReport({ input, files = [], context }: { input: unknown; files?: IncomingFile[]; context: RequestContext }) {
  await hitRateLimit(EXTERNAL_REPORT_LIMIT, context.ip ?? "unknown");
  const data = parseInput(ZExternalReport, input);
  const attachments = checkAttachments(files);
  if (data.website) {
    // A bot filled the honeypot: answer like a success, keep nothing.
    return { reference: null, followUpToken: null };
  }
  const followUpToken = randomBytes(32).toString("base64url");
  const report = await db.$transaction((tx) =>
    storeReport(
      tx,
      external(context),
      {
        source: "EXTERNAL",
        category: "VULNERABILITY",
        description: data.description,
        affectedProduct: data.affectedProduct,
        externalName: data.name,
        externalEmail: data.email,
        visibility: "STANDARD",
        followUpTokenHash: hashToken(followUpToken),
      },
      attachments,
    ),
  );
  return { reference: report.reference, followUpToken };
}

async function findByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound("report");
  const report = await db.report.findUnique({ where: { followUpTokenHash: hashToken(token) } });
  if (!report) throw notFound("report");
  return report;
}

/** What the external reporter sees through their link: status and the conversation. */
export async function getExternalReport(token: string) {
  const report = await findByToken(token);
  const messages = await db.reportMessage.findMany({
    where: { reportId: report.id, ...REPORTER_VISIBLE_MESSAGES },
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, body: true, createdAt: true },
  });
  return {
    reference: report.reference,
    status: report.status,
    createdAt: report.createdAt,
    affectedProduct: report.affectedProduct,
    description: report.description,
    messages,
  };
}

export async function replyAsExternal({ token, body, context }: { token: string; body: unknown; context: RequestContext }) {
  await hitRateLimit(EXTERNAL_REPLY_LIMIT, context.ip ?? "unknown");
  const text = parseInput(ZMessageBody, body);
  const report = await findByToken(token);
  const message = await addReporterMessage(external(context), report, text, report.externalName ?? "Reporter");
  return { id: message.id, createdAt: message.createdAt };
}
