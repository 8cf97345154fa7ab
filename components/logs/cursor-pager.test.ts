import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CursorPager } from "./cursor-pager";

const olderHref = (props: Parameters<typeof CursorPager>[0]) => {
  const html = renderToStaticMarkup(createElement(CursorPager, props));
  const href = /href="([^"]*)"[^>]*>Older/.exec(html)?.[1];
  return new URLSearchParams(href!.replace(/^\?/, "").replaceAll("&amp;", "&"));
};

describe("CursorPager", () => {
  it("pins a relative range to the window the first page read, so older pages do not slide", () => {
    const link = olderHref({ shown: 50, noun: ["entry", "entries"], nextCursor: "c1", params: { range: "1h", node: "n1" }, from: "2026-11-21T08:00:00.000Z" });
    expect(Object.fromEntries(link)).toEqual({ node: "n1", from: "2026-11-21T08:00:00.000Z", before: "c1" });
  });

  it("keeps a window the person chose", () => {
    const link = olderHref({ shown: 50, noun: ["entry", "entries"], nextCursor: "c2", params: { from: "2026-11-01", to: "2026-11-02", before: "c1" }, from: "2026-11-01T00:00:00.000Z" });
    expect(Object.fromEntries(link)).toEqual({ from: "2026-11-01", to: "2026-11-02", before: "c2" });
  });
});
