// Attachment rules for reports: how many, how large, which kinds. The content type stored
// and served is derived from the file name, never taken from the browser.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;

export const ALLOWED_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  json: "application/json",
  eml: "message/rfc822",
  cast: "application/x-asciicast",
  zip: "application/zip",
  gz: "application/gzip",
};

export type IncomingFile = { name: string; bytes: Buffer };
export type CheckedAttachment = { filename: string; contentType: string; size: number; sha256: string; data: Buffer };

export function checkAttachments(files: IncomingFile[]): CheckedAttachment[] {
  const real = files.filter((f) => f.name || f.bytes.length);
  if (real.length > MAX_ATTACHMENTS) throw attachmentError(`Attach at most ${MAX_ATTACHMENTS} files.`);
  const total = real.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_TOTAL_BYTES) throw attachmentError(`Attachments can be ${MAX_TOTAL_BYTES / 1024 / 1024} MB in all.`);
  return real.map((file) => {
    const filename = file.name.replace(/[\u0000-\u001f\u007f/\\]/g, "_").slice(-200) || "attachment";
    const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? "";
    const contentType = ALLOWED_TYPES[extension];
    if (!contentType) {
      throw attachmentError(`"${filename}" is not an allowed kind of file. Allowed: ${Object.keys(ALLOWED_TYPES).join(", ")}.`);
    }
    if (file.bytes.length === 0) throw attachmentError(`"${filename}" is empty.`);
    if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
      throw attachmentError(`"${filename}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
    }
    return {
      filename,
      contentType,
      size: file.bytes.length,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      data: file.bytes,
    };
  });
}

function attachmentError(message: string) {
  return new AppError("INVALID_INPUT", message, { fieldErrors: { attachments: [message] } });
}
