import { describe, expect, it } from "vitest";
import { contentDisposition, sanitizeFileName } from "./sanitize-name";

describe("evidence file names", () => {
  it("keeps ordinary names", () => {
    expect(sanitizeFileName("capture 2026-11-21.pcap")).toBe("capture 2026-11-21.pcap");
    expect(sanitizeFileName("Überprüfung.pdf")).toBe("Überprüfung.pdf");
  });

  it("drops directories: path traversal in either separator", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("..\\..\\windows\\system32\\cmd.exe")).toBe("cmd.exe");
    expect(sanitizeFileName("/absolute/path/key.pem")).toBe("key.pem");
    expect(sanitizeFileName("..")).toBe("evidence");
    expect(sanitizeFileName("../")).toBe("evidence");
  });

  it("removes control and bidi-override characters and leading dots", () => {
    expect(sanitizeFileName("evil\u0000name\r\n.txt")).toBe("evilname.txt");
    expect(sanitizeFileName("invoice\u202Egnp.exe")).toBe("invoicegnp.exe");
    expect(sanitizeFileName(".bashrc")).toBe("bashrc");
    expect(sanitizeFileName('a<b>c:"d"|e?f*.txt')).toBe("a_b_c__d__e_f_.txt");
  });

  it("never returns an empty or reserved name, and bounds the length keeping the extension", () => {
    expect(sanitizeFileName("")).toBe("evidence");
    expect(sanitizeFileName(null)).toBe("evidence");
    expect(sanitizeFileName("\u0001\u0002")).toBe("evidence");
    expect(sanitizeFileName("CON.txt")).toBe("_CON.txt");
    const long = sanitizeFileName(`${"x".repeat(500)}.cast`);
    expect(long.length).toBe(200);
    expect(long.endsWith(".cast")).toBe(true);
  });

  it("builds a Content-Disposition header that cannot be broken out of", () => {
    expect(contentDisposition('a"b.txt')).toBe(`attachment; filename="a_b.txt"; filename*=UTF-8''a%22b.txt`);
    expect(contentDisposition("Überprüfung.pdf")).toContain("filename*=UTF-8''%C3%9Cberpr%C3%BCfung.pdf");
  });
});
