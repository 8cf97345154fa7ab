// The one Prisma client, on the pg driver adapter (no Rust engine). Created on first use, so
// importing this module never needs a database (next build, unit tests).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { countersignPrisma?: PrismaClient };

function client(): PrismaClient {
  if (globalForPrisma.countersignPrisma) return globalForPrisma.countersignPrisma;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database.");
  }
  globalForPrisma.countersignPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  return globalForPrisma.countersignPrisma;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const real = client();
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export async function disconnectDb() {
  await globalForPrisma.countersignPrisma?.$disconnect();
  globalForPrisma.countersignPrisma = undefined;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
