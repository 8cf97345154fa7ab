// The case report as Markdown. Everything people typed is escaped, so a title or a note cannot
// add headings, links, images or raw HTML to the file, or break a table out of its cell. Pure.
import type { Block, ReportDocument } from "./model";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * One line of text, inert in Markdown and HTML: emphasis, code, link, table and strike marks
 * backslash-escaped, <, > and & as entities, and what would start a heading or a list at the
 * start of the line escaped too. Other punctuation (a reference's dashes) stays readable.
 */
export function escapeInline(value: string): string {
  return value
    .replace(CONTROL, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/^\s+/, "")
    .replace(/^([#+=-])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A paragraph: each line escaped, line breaks kept as hard breaks, blank lines as paragraph breaks. */
export function escapeBlock(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split("\n")
        .map(escapeInline)
        .filter((line) => line.length > 0)
        .join("\\\n"),
    )
    .filter((p) => p.length > 0)
    .join("\n\n");
}

/** A table cell: one line (line breaks become spaces), escaped. */
const cell = (value: string) => escapeInline(value.replace(/\s*[\r\n]+\s*/g, " ")) || " ";

function block(b: Block): string {
  switch (b.kind) {
    case "paragraph":
      return escapeBlock(b.text);
    case "fields":
      return b.items.map(([label, value]) => `- **${escapeInline(label)}:** ${cell(value)}`).join("\n");
    case "list":
      return b.items.map((item) => `- ${cell(item)}`).join("\n");
    case "table":
      return [`| ${b.columns.map(cell).join(" | ")} |`, `|${b.columns.map(() => " --- ").join("|")}|`, ...b.rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const parts = [`# ${cell(doc.title)}`, `*${cell(doc.subtitle)}*`, `*${cell(doc.generated)}*`];
  for (const s of doc.sections) {
    parts.push(`## ${cell(s.heading)}`);
    for (const b of s.blocks) parts.push(block(b));
  }
  return `${parts.join("\n\n")}\n`;
}
