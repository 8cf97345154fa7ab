// A file name as people gave it, made safe to show and to put in a Content-Disposition header:
// no directories (path traversal), no control or bidi-override characters, no leading dots,
// bounded length, never empty. Files are stored under their hash, never under this name.
const MAX_NAME = 200;

// C0/C1 controls, DEL, and the Unicode format characters that reorder or hide text.
 
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"|?*\\/]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function sanitizeFileName(raw: string | null | undefined, fallback = "evidence"): string {
  let name = (raw ?? "").normalize("NFC");
  // Keep only the last path component, whichever separator the client used.
  name = name.split(/[\\/]/).pop() ?? "";
  name = name.replace(UNSAFE, "").replace(RESERVED, "_").replace(/\s+/g, " ").trim();
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return name || fallback;
}

/** `attachment; filename="…"; filename*=UTF-8''…` with an ASCII fallback. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
