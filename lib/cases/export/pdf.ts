// The case report as PDF, drawn with pdfkit. The text font is DejaVu Sans from the
// dejavu-fonts-ttf package (read from node_modules, embedded and subset), so Latin, Greek and
// Cyrillic print as written; characters it has no glyph for (CJK, emoji) print as "?" rather
// than as empty boxes, and the Markdown export keeps them exactly.
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { Block, ReportDocument } from "./model";

const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= { regular: readFileSync(path.join(FONT_DIR, "DejaVuSans.ttf")), bold: readFileSync(path.join(FONT_DIR, "DejaVuSans-Bold.ttf")) };
  return fonts;
}

const MARGIN = 50;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const MAX_CHARS = 20_000;
const MAX_CELL_CHARS = 1_200;

type Doc = InstanceType<typeof PDFDocument>;

export async function renderPdf(report: ReportDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc: Doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: { Title: clip(report.title, 300), Creator: "Countersign" } });
  doc.registerFont("body", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  // A glyph the font lacks would print as an empty box: say "?" instead.
  const printable = (value: string, max = MAX_CHARS) => {
    const f = (doc as unknown as { _font: { font?: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
    const cleaned = clip(value.replace(CONTROL, "").replace(/\r\n?/g, "\n"), max);
    if (!f) return cleaned;
    let out = "";
    for (const ch of cleaned) {
      const cp = ch.codePointAt(0)!;
      out += ch === "\n" || ch === "\t" || f.hasGlyphForCodePoint(cp) ? ch : cp >= 0xfe00 && cp <= 0xfe0f ? "" : cp === 0x200d ? "" : "?";
    }
    return out;
  };
  const width = doc.page.width - 2 * MARGIN;

  doc.font("bold").fontSize(16).text(printable(report.title), { width });
  doc.moveDown(0.2).font("body").fontSize(10).fillColor("#555555").text(printable(report.subtitle)).text(printable(report.generated)).fillColor("black");
  for (const section of report.sections) {
    doc.moveDown(1);
    ensureRoom(doc, 60);
    doc.font("bold").fontSize(13).text(printable(section.heading), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    for (const b of section.blocks) drawBlock(doc, b, printable, width);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: lift the margin so pdfkit does not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("body").fontSize(8).fillColor("#777777").text(`${printable(report.title.slice(0, 80))} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 15, { width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters in the Markdown export)` : s);

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawBlock(doc: Doc, b: Block, printable: (s: string, max?: number) => string, width: number) {
  doc.font("body").fontSize(10).fillColor("black");
  switch (b.kind) {
    case "paragraph":
      doc.text(printable(b.text), MARGIN, doc.y, { width }).moveDown(0.5);
      return;
    case "fields":
      for (const [label, value] of b.items) {
        ensureRoom(doc, 14);
        doc.font("bold").text(`${printable(label)}: `, MARGIN, doc.y, { width, continued: true }).font("body").text(printable(value));
      }
      doc.moveDown(0.5);
      return;
    case "list":
      for (const item of b.items) {
        ensureRoom(doc, 14);
        doc.text(`•  ${printable(item)}`, MARGIN, doc.y, { width, indent: 0 });
      }
      doc.moveDown(0.5);
      return;
    case "table":
      drawTable(doc, b, printable, width);
      doc.moveDown(0.5);
      return;
  }
}

/** Columns share the width by the length of what they hold; rows break across pages whole. */
function drawTable(doc: Doc, t: Extract<Block, { kind: "table" }>, printable: (s: string, max?: number) => string, width: number) {
  const pad = 3;
  const weight = t.columns.map((c, i) => Math.min(60, Math.max(c.length, ...t.rows.map((r) => (r[i] ?? "").length))) + 4);
  const total = weight.reduce((a, b) => a + b, 0);
  const widths = weight.map((w) => (w / total) * width);
  const row = (cells: string[], header: boolean) => {
    doc.font(header ? "bold" : "body").fontSize(9);
    // A cell is clipped so that one row always fits on a page.
    const texts = cells.map((c) => printable(c, MAX_CELL_CHARS));
    const height = Math.max(...texts.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    if (header) doc.rect(MARGIN, top, width, height).fill("#eeeeee").fillColor("black");
    texts.forEach((c, i) => {
      doc.text(c, x + pad, top + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).lineWidth(0.5).strokeColor("#cccccc").stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  row(t.columns, true);
  for (const r of t.rows) row(r, false);
}
