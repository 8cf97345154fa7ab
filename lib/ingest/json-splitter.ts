// Splits a stream of JSON bytes into log records without holding the body as one string:
// concatenated objects (Splunk HEC), NDJSON, a JSON array, one object, or a {"logs":[…]}
// wrapper (Tailscale's API). Each record's text is parsed on its own by the caller, so a broken
// record is quarantined and the rest of the body still goes through.
//
// The scanner only tracks structure (brackets, strings, escapes). It works on bytes: UTF-8 never
// puts an ASCII byte inside a multi-byte character, so structure can be found without decoding.

export type SplitItem =
  | { kind: "value"; text: string; offset: number }
  | { kind: "malformed"; reason: string; text: string; bytes: number; offset: number };

export type SplitterOptions = {
  /** A record longer than this is reported as malformed (its first bytes are kept). */
  maxRecordBytes: number;
  /** How much of a malformed record's text is kept. */
  keepBytes?: number;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const LOGS_KEY = "logs";

function isSpace(c: number) {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class JsonRecordSplitter {
  private readonly maxRecordBytes: number;
  private readonly keepBytes: number;
  /** Absolute bracket depth in the body. */
  private depth = 0;
  /** Records start at this depth: 0 at top level, 1 inside a top-level array, 2 inside {"logs":[…]}; -1 while skipping the rest of a wrapper. */
  private emitDepth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes consumed before the current chunk. */
  private consumed = 0;

  // The record being captured.
  private capturing = false;
  private captureIsScalar = false;
  private captureOffset = 0;
  private captureParts: Buffer[] = [];
  private captureBytes = 0;

  // Top-level objects are candidates for the {"logs":[…]} wrapper: follow their keys.
  private keyState: "none" | "expectKey" | "inKey" | "afterKey" | "afterColon" = "none";
  private keyBytes: number[] = [];
  private keyIsLogs = false;

  // Text that is not JSON at the top level, skipped to the end of its line.
  private junk: { offset: number; parts: Buffer[]; bytes: number; first: string } | null = null;
  /** After a broken record, stray closing brackets at the top level are not reported again. */
  private recovering = false;

  constructor(options: SplitterOptions) {
    this.maxRecordBytes = options.maxRecordBytes;
    this.keepBytes = options.keepBytes ?? 64 * 1024;
  }

  push(chunk: Buffer): SplitItem[] {
    const out: SplitItem[] = [];
    let segmentStart = 0; // start of the not-yet-saved part of a capture in this chunk
    const save = (end: number) => {
      if (this.capturing && end > segmentStart) this.appendCapture(chunk.subarray(segmentStart, end));
      segmentStart = end;
    };
    // Inside strings, jump to the next quote, backslash or line break (native indexOf); the
    // positions are cached so each byte is searched once.
    let nextQuote = -1;
    let nextBackslash = -1;
    let nextNewline = -1;
    const find = (byte: number, from: number) => {
      const k = chunk.indexOf(byte, from);
      return k < 0 ? chunk.length : k;
    };
    for (let i = 0; i < chunk.length; i++) {
      let c = chunk[i]!;
      if (this.inString && !this.escaped && this.keyState !== "inKey") {
        if (nextQuote < i) nextQuote = find(QUOTE, i);
        if (nextBackslash < i) nextBackslash = find(BACKSLASH, i);
        if (nextNewline < i) nextNewline = find(NEWLINE, i);
        i = Math.min(nextQuote, nextBackslash, nextNewline);
        if (i >= chunk.length) break;
        c = chunk[i]!;
      }

      if (this.junk) {
        // Junk ends at the end of its line (NDJSON) or where the next object starts (HEC bodies
        // are one line of concatenated objects: a stray byte must not swallow the rest).
        if (c !== NEWLINE && c !== OPEN_OBJECT) continue;
        this.appendJunk(chunk.subarray(segmentStart, i));
        out.push(this.finishJunk());
        if (c === NEWLINE) continue;
      }

      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyState === "inKey") this.keyState = "afterKey";
        } else if (c === NEWLINE) {
          // JSON strings cannot hold a raw line break: the record is broken. Resynchronise here.
          save(i);
          if (this.capturing) out.push(this.finishCapture("malformed", "a string is not closed before the end of the line"));
          this.resetAfterError();
        } else if (this.keyState === "inKey" && this.keyBytes.length <= LOGS_KEY.length) this.keyBytes.push(c);
        continue;
      }

      if (this.capturing && this.captureIsScalar) {
        if (c === COMMA || c === CLOSE_ARRAY || isSpace(c)) {
          save(i);
          out.push(this.finishCapture("value"));
        } else continue;
      }

      if (this.depth === this.emitDepth && !this.capturing) {
        // Between records.
        if (isSpace(c) || c === COMMA || (c === 0xef && this.consumed + i === 0)) continue;
        if (c === 0xbb || c === 0xbf) {
          if (this.consumed + i <= 2) continue;
        }
        if (c === OPEN_OBJECT || (c === OPEN_ARRAY && this.emitDepth > 0)) {
          this.startCapture(i);
          segmentStart = i;
          this.depth++;
          if (this.emitDepth === 0) this.keyState = "expectKey";
          continue;
        }
        if (c === OPEN_ARRAY) {
          this.depth++;
          this.emitDepth = 1;
          continue;
        }
        if (c === CLOSE_ARRAY && this.emitDepth > 0) {
          this.depth--;
          this.emitDepth = this.emitDepth === 2 ? -1 : 0;
          continue;
        }
        if (this.emitDepth > 0) {
          // A scalar inside the array: captured so the caller can say what was wrong with it.
          this.startCapture(i);
          segmentStart = i;
          this.captureIsScalar = true;
          if (c === QUOTE) this.inString = true;
          continue;
        }
        if (this.recovering && (c === CLOSE_ARRAY || c === CLOSE_OBJECT)) continue;
        this.junk = { offset: this.consumed + i, parts: [], bytes: 0, first: String.fromCharCode(c) };
        segmentStart = i;
        continue;
      }

      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.keyState === "expectKey" && this.depth === 1) {
            this.keyState = "inKey";
            this.keyBytes = [];
          }
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (this.keyState === "afterColon" && this.depth === 1) {
            if (this.keyIsLogs && c === OPEN_ARRAY) {
              // {"logs":[…]}: drop the wrapper, emit the array's elements.
              this.capturing = false;
              this.captureParts = [];
              this.captureBytes = 0;
              this.keyState = "none";
              this.depth++;
              this.emitDepth = 2;
              break;
            }
            this.keyState = "none";
          }
          this.depth++;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.depth--;
          if (this.depth === 1 && this.keyState === "none" && this.capturing && this.emitDepth === 0) this.keyState = "afterColon";
          if (this.depth <= 0 && this.emitDepth === -1) {
            this.depth = 0;
            this.emitDepth = 0;
          } else if (this.capturing && this.depth === this.emitDepth) {
            save(i + 1);
            out.push(this.finishCapture("value"));
          }
          break;
        case COLON:
          if (this.keyState === "afterKey" && this.depth === 1) {
            this.keyIsLogs = String.fromCharCode(...this.keyBytes) === LOGS_KEY;
            this.keyState = "afterColon";
          }
          break;
        case COMMA:
          if (this.depth === 1 && this.capturing && this.emitDepth === 0) this.keyState = "expectKey";
          break;
        default:
          if (this.keyState === "afterColon" && this.depth === 1 && !isSpace(c)) this.keyState = "none";
      }
    }
    if (this.junk) this.appendJunk(chunk.subarray(segmentStart));
    else save(chunk.length);
    this.consumed += chunk.length;
    return out;
  }

  /** Call once at the end of the body. */
  end(): SplitItem[] {
    const out: SplitItem[] = [];
    if (this.junk) out.push(this.finishJunk());
    if (this.capturing) {
      if (this.captureIsScalar) out.push(this.finishCapture("value"));
      else out.push(this.finishCapture("malformed", "the body ended in the middle of this record"));
    }
    return out;
  }

  private startCapture(i: number) {
    this.recovering = false;
    this.capturing = true;
    this.captureIsScalar = false;
    this.captureOffset = this.consumed + i;
    this.captureParts = [];
    this.captureBytes = 0;
  }

  private appendCapture(part: Buffer) {
    // Keep at most maxRecordBytes: anything longer is reported, not parsed.
    const room = this.maxRecordBytes - this.captureBytes;
    if (room > 0) this.captureParts.push(Buffer.from(part.subarray(0, room)));
    this.captureBytes += part.length;
  }

  private finishCapture(kind: "value" | "malformed", reason?: string): SplitItem {
    const bytes = this.captureBytes;
    const offset = this.captureOffset;
    const whole = Buffer.concat(this.captureParts);
    this.capturing = false;
    this.captureIsScalar = false;
    this.captureParts = [];
    this.captureBytes = 0;
    if (this.emitDepth === 0) this.keyState = "none";
    if (kind === "value" && bytes > this.maxRecordBytes) {
      return { kind: "malformed", reason: `record is larger than ${this.maxRecordBytes} bytes`, text: whole.subarray(0, this.keepBytes).toString("utf8"), bytes, offset };
    }
    if (kind === "value") return { kind, text: whole.toString("utf8"), offset };
    return { kind: "malformed", reason: reason ?? "malformed record", text: whole.subarray(0, this.keepBytes).toString("utf8"), bytes, offset };
  }

  private appendJunk(part: Buffer) {
    const junk = this.junk!;
    if (junk.bytes < this.keepBytes) junk.parts.push(Buffer.from(part.subarray(0, this.keepBytes - junk.bytes)));
    junk.bytes += part.length;
  }

  private finishJunk(): SplitItem {
    const junk = this.junk!;
    this.junk = null;
    const text = Buffer.concat(junk.parts).toString("utf8");
    return { kind: "malformed", reason: `not JSON: unexpected ${JSON.stringify(junk.first)} at byte ${junk.offset}`, text, bytes: junk.bytes, offset: junk.offset };
  }

  private resetAfterError() {
    this.capturing = false;
    this.captureIsScalar = false;
    this.captureParts = [];
    this.captureBytes = 0;
    this.inString = false;
    this.escaped = false;
    this.depth = 0;
    this.emitDepth = 0;
    this.keyState = "none";
    this.recovering = true;
  }
}

/** Splits an async stream of byte chunks into records. */
export async function* splitJsonStream(chunks: AsyncIterable<Buffer | Uint8Array>, options: SplitterOptions): AsyncGenerator<SplitItem> {
  const splitter = new JsonRecordSplitter(options);
  for await (const chunk of chunks) {
    yield* splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  yield* splitter.end();
}
