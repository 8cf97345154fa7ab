// Roles from the identity provider: OIDC_ROLE_MAP maps claim values (groups) to roles,
// e.g. "security-team=SECURITY,executives=COO,it-admins=ADMIN".
import type { Role } from "@/lib/generated/prisma/enums";
import { normalizeRoles, ROLES } from "./permissions";

export function parseRoleMap(spec: string): Map<string, Role[]> {
  const map = new Map<string, Role[]>();
  for (const pair of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [value, role] = pair.split("=").map((s) => s?.trim());
    const upper = role?.toUpperCase() as Role | undefined;
    if (!value || !upper || !ROLES.includes(upper)) {
      throw new Error(`OIDC_ROLE_MAP: "${pair}" must be <claim value>=<${ROLES.join("|")}>`);
    }
    map.set(value, [...(map.get(value) ?? []), upper]);
  }
  return map;
}

/** The roles a claim grants, or null when no map is configured (roles are then managed in the app). */
export function rolesFromClaims(claims: Record<string, unknown>, claimName: string, roleMap: Map<string, Role[]>): Role[] | null {
  if (roleMap.size === 0) return null;
  const raw = claimName.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), claims);
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  return normalizeRoles(values.flatMap((v) => roleMap.get(v) ?? []));
}
