import { withRoute } from "@/lib/api/with-route";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";

export const GET = withRoute({}, async ({ viewer }) => ({
  id: viewer.id,
  email: viewer.email,
  name: viewer.name,
  roles: viewer.roles,
  permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(viewer, p)),
}));
