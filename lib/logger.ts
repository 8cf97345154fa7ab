// Structured logs (pino): one JSON object per line on stdout.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL || "info",
  base: { app: "countersign" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "headers.authorization", "headers.cookie"],
    censor: "[redacted]",
  },
});
