import { describe, expect, it } from "vitest";
import { checkAttachments, MAX_ATTACHMENT_BYTES } from "./attachments";
import { ZReportInput } from "./schemas";

const base = { category: "SUSPICIOUS_ACTIVITY", description: "A laptop rebooted by itself twice." };

describe("report input", () => {
  it("accepts a minimal report with defaults", () => {
    expect(ZReportInput.parse(base)).toMatchObject({ signs: [], urgency: "NORMAL", noticedAt: undefined });
  });

  it("reads a local time in the reporter's time zone", () => {
    const parsed = ZReportInput.parse({ ...base, noticedAt: "2026-01-15T09:30", noticedTimeZone: "Europe/Berlin" });
    expect(parsed.noticedAt?.toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(parsed.noticedTimeZone).toBe("Europe/Berlin");
  });

  it("keeps hostile text as typed, minus characters PostgreSQL cannot store", () => {
    const hostile = "<script>alert(1)</script> \u202Egnp.exe 🙂 \u0000end";
    expect(ZReportInput.parse({ ...base, description: hostile }).description).toBe("<script>alert(1)</script> \u202Egnp.exe 🙂 end");
  });

  it("explains each kind of bad input", () => {
    const issues = (input: Record<string, unknown>) => ZReportInput.safeParse({ ...base, ...input }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ category: "ALIENS" })[0]).toMatch(/"ALIENS" is not a report category/);
    expect(issues({ description: "   " })[0]).toBe("Describe what happened.");
    expect(issues({ description: "x".repeat(20_001) })[0]).toMatch(/at most 20,000 characters/);
    expect(issues({ description: 42 })[0]).toMatch(/must be text/);
    expect(issues({ signs: ["GREMLINS"] })[0]).toMatch(/not a sign/);
    expect(issues({ noticedTimeZone: "Mars/Olympus" })[0]).toMatch(/time zone/);
    expect(issues({ noticedAt: "yesterday" })[0]).toMatch(/date and time/);
    expect(issues({ noticedAt: "2999-01-01T00:00Z" })[0]).toMatch(/future/);
    expect(issues({ visibility: "PUBLIC" })[0]).toMatch(/not a visibility/);
  });
});

describe("attachments", () => {
  const file = (name: string, size = 10) => ({ name, bytes: Buffer.alloc(size, 1) });

  it("hashes allowed files and derives their type from the name", () => {
    const [checked] = checkAttachments([file("screen.PNG")]);
    expect(checked).toMatchObject({ filename: "screen.PNG", contentType: "image/png", size: 10 });
    expect(checked!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses disallowed, empty, oversized and too many files with the reason", () => {
    expect(() => checkAttachments([file("run.exe")])).toThrow(/not an allowed kind/);
    expect(() => checkAttachments([file("a.txt", 0)])).toThrow(/empty/);
    expect(() => checkAttachments([file("big.txt", MAX_ATTACHMENT_BYTES + 1)])).toThrow(/larger than 10 MB/);
    expect(() => checkAttachments(Array.from({ length: 6 }, (_, i) => file(`${i}.txt`)))).toThrow(/at most 5 files/);
  });

  it("neutralises path tricks in file names", () => {
    expect(checkAttachments([file("../../etc/passwd.txt")])[0]!.filename).toBe(".._.._etc_passwd.txt");
  });
});
