// The signed-in navigation: each role sees only what it can use.
import { can, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export type NavItem = {
  href: string;
  label: string;
  icon: "home" | "user" | "users" | "scroll" | "inbox" | "flag" | "bell";
  permission?: Permission;
};

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Home", icon: "home" },
  { href: "/reports", label: "My reports", icon: "flag", permission: "reports.create" },
  { href: "/triage", label: "Report inbox", icon: "inbox", permission: "reports.triage" },
  { href: "/admin/users", label: "Users", icon: "users", permission: "users.manage" },
  { href: "/admin/notifications", label: "Notifications", icon: "bell", permission: "settings.manage" },
  { href: "/admin/audit", label: "Audit trail", icon: "scroll", permission: "audit.view" },
  { href: "/account", label: "Account", icon: "user" },
];

export function navigationFor(viewer: Viewer): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(viewer, item.permission));
}
