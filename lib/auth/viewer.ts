// Who is asking: every operation takes a viewer. A person (session or API token) or the
// system itself (the CLI run by whoever has shell access, first-run setup).
import type { Role } from "@/lib/generated/prisma/enums";

export type RequestContext = { requestId?: string | null; ip?: string | null };

export type UserViewer = RequestContext & {
  kind: "user";
  id: string;
  email: string;
  name: string;
  roles: Role[];
  mustChangePassword?: boolean;
  sessionVersion?: number;
};

/** The app acting on its own: the CLI, first-run setup, or a report from someone without an account. */
export type SystemViewer = RequestContext & { kind: "system"; label: "cli" | "system" | "external reporter" };

export type Viewer = UserViewer | SystemViewer;

/** A stored user as a viewer: for asking what someone other than the requester may do or see. */
export const asUserViewer = (user: { id: string; email: string; name: string; roles: Role[] }): UserViewer => ({ kind: "user", id: user.id, email: user.email, name: user.name, roles: user.roles });

export const systemViewer = (label: SystemViewer["label"] = "system"): SystemViewer => ({ kind: "system", label });

export function actorOf(viewer: Viewer) {
  return viewer.kind === "user"
    ? { actorId: viewer.id, actorLabel: viewer.email }
    : { actorId: null, actorLabel: viewer.label };
}
