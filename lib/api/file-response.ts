// A file the API hands out (exports): an attachment named as given, never cached or sniffed.
export function fileResponse({ body, contentType, fileName }: { body: Uint8Array; contentType: string; fileName: string }): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      "content-length": String(body.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
