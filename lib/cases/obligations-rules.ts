// Disclosure obligations, the pure part: what may be sent, who may approve, which moves are legal
// (DRAFT → APPROVED → SENT, nothing back), and the input each operation takes.
import { z } from "zod";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { text, ZTimeZone } from "@/lib/reports/schemas";
import { DEADLINE_PRESETS } from "./deadlines";
import { ZAudience, ZVersion } from "./schemas";

export const OBLIGATION_STATUSES = ["DRAFT", "APPROVED", "SENT"] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export type Audience = z.output<typeof ZAudience>;

export const AUDIENCE_LABELS: Record<Audience, string> = { CUSTOMERS: "Customers", PUBLIC: "The public", REGULATOR: "A regulator", PARTNER: "A partner" };
export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = { DRAFT: "Draft", APPROVED: "Approved", SENT: "Sent" };

const obligationId = z.string({ error: "obligationId names the obligation." }).trim().min(1, "obligationId names the obligation.").max(40);
const customTime = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((s) => (s ? s : undefined));

export const ZObligationCreate = z
  .object({
    version: ZVersion,
    audience: ZAudience,
    preset: z.enum(DEADLINE_PRESETS, { error: (i) => `"${String(i.input)}" is not a deadline preset: use one of ${DEADLINE_PRESETS.join(", ")}.` }),
    /** With CUSTOM: an ISO time with offset, or a local date-time read in `timeZone`. */
    deadline: customTime,
    /** The zone whose weekends "business days" skip, and in which a local custom deadline is read. */
    timeZone: ZTimeZone.optional().or(z.literal("").transform(() => undefined)),
    text: text(50_000, "The text").optional(),
  })
  .strict();

export const ZObligationText = z.object({ version: ZVersion, obligationId, text: text(50_000, "The text") }).strict();
export const ZObligationMove = z.object({ version: ZVersion, obligationId }).strict();

/**
 * Who may approve an obligation: the COO always; for a sealed case or a public audience the COO
 * alone (product.md: "who approved it (the COO for sensitive cases)"); otherwise also the
 * security team that works the case.
 */
export function mayApproveObligation(viewer: Viewer, c: { visibility: Visibility }, audience: Audience): boolean {
  if (can(viewer, "disclosure.approve")) return true;
  if (c.visibility !== "STANDARD" || audience === "PUBLIC") return false;
  return can(viewer, "cases.work");
}

/** Whether an obligation needs the COO (the review page's queue). */
export const needsCooApproval = (c: { visibility: Visibility }, audience: Audience) => c.visibility !== "STANDARD" || audience === "PUBLIC";

/** Drafting, editing and sending: whoever works the case, and the COO. */
export const mayHandleObligation = (viewer: Viewer) => can(viewer, "cases.work") || can(viewer, "disclosure.approve");

export type Move = "edit" | "approve" | "send" | "reopen";

/** Why a move is not allowed from this status, or null when it is. */
export function refusedMove(status: ObligationStatus, move: Move): string | null {
  switch (move) {
    case "edit":
      return status === "DRAFT" ? null : status === "APPROVED" ? "An approved obligation's text is fixed: it was approved as written." : "A sent obligation cannot change.";
    case "approve":
      return status === "DRAFT" ? null : status === "APPROVED" ? "This obligation is already approved." : "This obligation was already sent.";
    case "send":
      return status === "APPROVED" ? null : status === "DRAFT" ? "A draft cannot be sent: it must be approved first." : "This obligation was already sent.";
    case "reopen":
      return status === "APPROVED" ? null : status === "DRAFT" ? "This obligation is already a draft." : "A sent obligation cannot go back to draft: it was sent.";
  }
}
