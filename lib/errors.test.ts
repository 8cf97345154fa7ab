import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, toAppError } from "./errors";

describe("errors", () => {
  it("maps codes to HTTP statuses", () => {
    expect(new AppError("NOT_FOUND", "x").status).toBe(404);
    expect(new AppError("INVALID_INPUT", "x").status).toBe(422);
    expect(ERROR_STATUS.UNAUTHENTICATED).toBe(401);
  });

  it("turns zod failures into INVALID_INPUT with field errors", () => {
    const result = z.object({ email: z.email("bad email") }).safeParse({ email: "x" });
    const error = toAppError(result.error);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toBe("email: bad email");
    expect(error.details).toEqual({ fieldErrors: { email: ["bad email"] } });
  });

  it("never exposes an unexpected error's message", () => {
    const error = toAppError(new Error("connection string postgres://secret"));
    expect(error.code).toBe("INTERNAL");
    expect(error.message).not.toMatch(/secret/);
  });
});
