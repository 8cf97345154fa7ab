// A local OpenID Connect provider for the single sign-on tests: `oidc-provider`, a certified
// implementation of the real protocol, with its development login form (any login, any
// password). Each login `x` becomes `x@example.com`, in the groups the test asks for.
import type { Server } from "node:http";
import Provider from "oidc-provider";

export const IDP_CLIENT = { id: "countersign", secret: "countersign-test-client-secret-0123456789" };

/** Groups per login; logins not listed are in no group. */
export const IDP_GROUPS: Record<string, string[]> = { "ivy.responder": ["ir-team"], "cole.exec": ["executives"] };

export async function startIdp(port: number, redirectUri: string): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: IDP_CLIENT.id,
        client_secret: IDP_CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    conformIdTokenClaims: false,
    cookies: { keys: ["countersign-idp-cookie-key"] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: `${id}@example.com`, email_verified: true, name: id.replace(".", " "), groups: IDP_GROUPS[id] ?? [] };
        },
      };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, () => resolve(s));
  });
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
