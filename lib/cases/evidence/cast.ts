// Tailscale SSH session recordings: asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/).
// Line 1 is a JSON header with version 2, width and height (Tailscale adds srcNode, sshUser,
// connectionID, …); every later line is an event `[seconds, code, data]` with times that never go
// back. A malformed recording is refused with the line that is wrong; nothing is stored.
// The output ("o") is turned into plain text lines, each with the time it began, for search.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import stripAnsi from "strip-ansi";

/** A longer line is not a recording (Tailscale writes small output chunks). */
export const MAX_CAST_LINE = 1024 * 1024;
/** Searchable text kept per recording. */
export const MAX_CAST_TEXT = 4 * 1024 * 1024;
const EVENT_CODES = new Set(["o", "i", "m", "r"]);

export class CastError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line} of the recording: ${message}`);
    this.name = "CastError";
  }
}

export type CastHeader = { version: 2; width: number; height: number; timestamp?: number; title?: string; [key: string]: unknown };
export type CastLine = { at: number; text: string };
export type CastSummary = { header: CastHeader; events: number; duration: number; lines: CastLine[]; truncated: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const positiveInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;

/** Does the start of a file look like an asciicast header? (Used to recognise recordings by content.) */
export function looksLikeCast(head: string): boolean {
  const first = head.split("\n", 1)[0]?.trim() ?? "";
  return /^\{.*"version"\s*:\s*2\b/.test(first) && /"width"/.test(first);
}

export class CastParser {
  private lineNo = 0;
  private header: CastHeader | null = null;
  private events = 0;
  private last = 0;
  private current = "";
  private currentAt = 0;
  private lines: CastLine[] = [];
  private textSize = 0;
  private truncated = false;

  push(raw: string) {
    this.lineNo++;
    const n = this.lineNo;
    if (raw.length > MAX_CAST_LINE) throw new CastError(n, `the line is ${raw.length} characters long; the limit is ${MAX_CAST_LINE}.`);
    const line = raw.replace(/\r$/, "");
    if (!line.trim()) {
      if (!this.header) throw new CastError(n, "the first line must be the JSON header, not an empty line.");
      return; // blank lines between events (a trailing newline) are harmless
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CastError(n, `not valid JSON (${(error as Error).message}).`);
    }
    if (!this.header) {
      this.header = parseHeader(value, n);
      return;
    }
    if (!Array.isArray(value) || value.length < 3) throw new CastError(n, "an event must be a JSON array [time, code, data].");
    const [time, code, data] = value as unknown[];
    if (typeof time !== "number" || !Number.isFinite(time) || time < 0) throw new CastError(n, "the event time must be a number of seconds, 0 or more.");
    if (time < this.last) throw new CastError(n, `events are out of order: ${time} comes after ${this.last}.`);
    if (typeof code !== "string" || !EVENT_CODES.has(code)) throw new CastError(n, `unknown event code ${JSON.stringify(code)} (expected "o", "i", "m" or "r").`);
    if (typeof data !== "string") throw new CastError(n, "the event data must be a string.");
    this.last = time;
    this.events++;
    if (code === "o") this.output(time, data);
  }

  private output(time: number, data: string) {
    const plain = toPlainText(data);
    for (const ch of plain.split(/(\n)/)) {
      if (ch === "\n") {
        this.flush();
        continue;
      }
      if (!ch) continue;
      if (!this.current) this.currentAt = time;
      this.current += ch;
    }
  }

  private flush() {
    const text = this.current.trimEnd();
    this.current = "";
    if (!text.trim()) return;
    if (this.textSize + text.length > MAX_CAST_TEXT) {
      this.truncated = true;
      return;
    }
    this.textSize += text.length + 12;
    this.lines.push({ at: this.currentAt, text });
  }

  finish(): CastSummary {
    if (!this.header) throw new CastError(1, "the recording is empty: it needs a JSON header line.");
    this.flush();
    return { header: this.header, events: this.events, duration: this.last, lines: this.lines, truncated: this.truncated };
  }
}

function parseHeader(value: unknown, n: number): CastHeader {
  if (!isObject(value)) throw new CastError(n, "the header must be a JSON object.");
  if (value.version !== 2) throw new CastError(n, `asciicast version ${JSON.stringify(value.version ?? null)} is not supported; only version 2 is.`);
  if (!positiveInt(value.width) || !positiveInt(value.height)) throw new CastError(n, "the header needs width and height as positive whole numbers.");
  return value as CastHeader;
}

/** Terminal output as text: escape sequences removed, CRLF/CR handled, backspaces applied, other controls dropped. */
export function toPlainText(data: string): string {
  const noAnsi = stripAnsi(data);
  let out = "";
  for (const segment of noAnsi.replace(/\r\n/g, "\n").split(/(\n)/)) {
    if (segment === "\n") {
      out += "\n";
      continue;
    }
    // A lone CR returns to the start of the line: the text after it overwrites; keep the last part.
    const parts = segment.split("\r");
    let s = parts.length > 1 ? parts.filter((p) => p.length).pop() ?? "" : segment;
     
    while (s.includes("\x08")) s = s.replace(/[^\x08]\x08|^\x08+/, "");
     
    out += s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  }
  return out;
}

export function parseCastText(text: string): CastSummary {
  const parser = new CastParser();
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) parser.push(line);
  return parser.finish();
}

export async function parseCastFile(file: string): Promise<CastSummary> {
  const parser = new CastParser();
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  try {
    for await (const line of rl) parser.push(line);
  } finally {
    rl.close();
  }
  return parser.finish();
}

/** The searchable text of a recording: one line per output line, `[12.345] text`. */
export function castSearchText(summary: CastSummary): string {
  return summary.lines.map((l) => `[${l.at.toFixed(3)}] ${l.text}`).join("\n");
}

/** A text line of a recording's searchable text back as time and text. */
export function parseCastTextLine(line: string): CastLine | null {
  const m = /^\[(\d+(?:\.\d+)?)\] (.*)$/.exec(line);
  return m ? { at: Number(m[1]), text: m[2] ?? "" } : null;
}
