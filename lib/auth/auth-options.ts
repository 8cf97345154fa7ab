import "server-only";
// next-auth configuration: email + password (with lockout) and, when configured, generic
// OpenID Connect single sign-on. Sessions are JWTs that carry only the user id and a session
// version; every request re-reads the user (lib/auth/session.ts), so disabling an account or
// changing its roles takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";
import { authenticatePassword } from "./authenticate-password";
import { clientIp } from "./client-ip";
import { requestContext } from "./request-context";
import { signInWithOidc } from "./sign-in-oidc";
import type { RequestContext } from "./viewer";

declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

export const OIDC_PROVIDER_ID = "oidc";
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function contextFromHeaders(headers: unknown): RequestContext {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { requestId: get("x-request-id") ?? null, ip: clientIp(get("x-forwarded-for")) };
}

export function isOidcConfigured(): boolean {
  const config = env();
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const viewer = await authenticatePassword({
            email: credentials?.email,
            password: credentials?.password,
            context: contextFromHeaders(req?.headers),
          });
          return { id: viewer.id, email: viewer.email, name: viewer.name, sv: viewer.sessionVersion ?? 0 };
        } catch (error) {
          // next-auth hands a thrown message to the sign-in page as `error`.
          if (isAppError(error)) throw new Error(error.message);
          logger.error({ err: error }, "sign-in failed unexpectedly");
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
      },
    }),
  ];
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    const issuer = config.OIDC_ISSUER.replace(/\/$/, "");
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: config.OIDC_NAME,
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      profile(profile: Record<string, unknown>) {
        return { id: String(profile.sub), email: profile.email as string, name: (profile.name as string) ?? null };
      },
    });
  }

  cached = {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
    events: {
      async signOut({ token }) {
        if (!token?.uid) return;
        const user = await db.user.findUnique({ where: { id: token.uid } });
        if (!user) return;
        const context = await requestContext().catch(() => ({}));
        await db.$transaction((tx) =>
          appendAudit(tx, { kind: "user", id: user.id, email: user.email, name: user.name, roles: user.roles, ...context }, {
            action: "auth.sign_out",
            targetType: "User",
            targetId: user.id,
          }),
        );
      },
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const result = await signInWithOidc({
          subject: account.providerAccountId,
          claims: (profile ?? {}) as Record<string, unknown>,
          context: await requestContext().catch(() => ({})),
        });
        return result.ok ? true : `/sign-in?error=${encodeURIComponent(oidcMessage(result.reason))}`;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === OIDC_PROVIDER_ID) {
          const found = await db.user.findUnique({ where: { oidcSubject: account.providerAccountId } });
          if (found) {
            token.uid = found.id;
            token.sv = found.sessionVersion;
          }
        } else if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        session.uid = token.uid;
        session.sv = token.sv;
        return session;
      },
    },
  };
  return cached;
}

function oidcMessage(reason: string) {
  switch (reason) {
    case "disabled":
      return "This account is disabled. Ask an administrator.";
    case "no_account":
      return "You do not have an account yet. Ask an administrator to create one.";
    case "linked_to_another_identity":
      return "This e-mail address belongs to an account that signs in with another identity. Ask an administrator.";
    case "unverified_email":
      return "Your identity provider did not confirm this e-mail address, so it cannot be linked to the existing account. Ask an administrator.";
    default:
      return "Your identity provider did not share a verified email address.";
  }
}
