import "server-only";
// An evidence upload as an HTTP request: multipart/form-data (a `file` field, optional
// `description`), streamed through busboy so nothing is held in memory beyond a chunk, or the raw
// bytes with the file name in `X-File-Name` (percent-encoded UTF-8 allowed) and the file's type
// as Content-Type. Anything else is 415; a body announced larger than the limit is 413 at once.
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { evidenceConfig } from "./config";
import { tooLarge } from "./store";
import type { IncomingFile } from "./add-evidence";

const MULTIPART_OVERHEAD = 64 * 1024;

export type ParsedUpload = { file: IncomingFile; description: Promise<string | null>; abort: () => void };

export function uploadFromRequest(request: Request): ParsedUpload {
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? 0) || null;
  const { maxBytes } = evidenceConfig();
  const rawName = request.headers.get("x-file-name");
  if (/^multipart\/form-data\b/i.test(type)) {
    if (length && length > maxBytes + MULTIPART_OVERHEAD) throw tooLarge(maxBytes);
    return multipart(request, type, maxBytes);
  }
  if (rawName !== null && !/^multipart\//i.test(type)) {
    if (length && length > maxBytes) throw tooLarge(maxBytes);
    const body = request.body ? Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>) : Readable.from([]);
    let name = rawName;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      // not percent-encoded: take it as sent
    }
    const stream = (async function* () {
      try {
        for await (const chunk of body) yield chunk as Uint8Array;
      } catch (error) {
        throw new AppError("BAD_REQUEST", `The upload was cut off: ${(error as Error).message}.`);
      }
    })();
    return { file: { name, declaredType: type || null, declaredLength: length, stream }, description: Promise.resolve(request.headers.get("x-description")), abort: () => body.destroy() };
  }
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data in a field named file, or as the raw body with its name in an X-File-Name header.");
}

function multipart(request: Request, type: string, maxBytes: number): ParsedUpload {
  if (!request.body) throw new AppError("BAD_REQUEST", "The request has no body: send the file in a field named file.");
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": type }, defParamCharset: "utf8", limits: { files: 1, fields: 10, fieldSize: 8 * 1024, fileSize: maxBytes + 1, parts: 20 } });
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The multipart body cannot be read: ${(error as Error).message}.`);
  }
  const body = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);
  const fields: Record<string, string> = {};
  let settle: { resolve: (f: IncomingFile) => void; reject: (e: unknown) => void };
  const filePromise = new Promise<IncomingFile>((resolve, reject) => (settle = { resolve, reject }));
  let description: (v: string | null) => void = () => {};
  const descriptionPromise = new Promise<string | null>((resolve) => (description = resolve));
  let gotFile = false;
  parser.on("file", (field, stream, info) => {
    if (field !== "file" || gotFile) {
      stream.resume();
      return;
    }
    gotFile = true;
    settle.resolve({ name: info.filename, declaredType: info.mimeType, declaredLength: null, stream });
  });
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("close", () => {
    description(fields.description ?? null);
    if (!gotFile) settle.reject(new AppError("BAD_REQUEST", "No file: send it in a multipart field named file."));
  });
  parser.on("error", (error) => {
    description(fields.description ?? null);
    settle.reject(new AppError("BAD_REQUEST", `The multipart body is malformed: ${(error as Error).message}.`));
  });
  body.on("error", () => parser.destroy());
  body.pipe(parser);
  const stream = (async function* () {
    const file = await filePromise;
    try {
      for await (const chunk of file.stream) yield chunk as Uint8Array;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("BAD_REQUEST", `The multipart body is malformed or was cut off: ${(error as Error).message}.`);
    }
  })();
  let resolvedName: string | null | undefined;
  let resolvedType: string | null | undefined;
  const file: IncomingFile = {
    get name() {
      return resolvedName;
    },
    get declaredType() {
      return resolvedType;
    },
    declaredLength: null,
    stream,
  };
  void filePromise.then((f) => {
    resolvedName = f.name;
    resolvedType = f.declaredType;
  }, () => {});
  return { file, description: descriptionPromise, abort: () => body.destroy() };
}
