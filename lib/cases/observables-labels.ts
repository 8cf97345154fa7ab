// The observable types with their names and examples, for forms (client-safe: no Node imports). Pure.
import type { ObservableType } from "@/lib/generated/prisma/enums";

export const OBSERVABLE_TYPES = ["IP", "DEVICE_ID", "DEVICE_NAME", "USER", "KEY_ID", "DOMAIN", "HASH", "URL"] as const satisfies readonly ObservableType[];

export const OBSERVABLE_LABELS: Record<ObservableType, string> = {
  IP: "IP address",
  DEVICE_ID: "Device id",
  DEVICE_NAME: "Device name",
  USER: "User login",
  KEY_ID: "Key id",
  DOMAIN: "Domain",
  HASH: "Hash",
  URL: "URL",
};

export const OBSERVABLE_HINTS: Record<ObservableType, string> = {
  IP: "an IPv4 or IPv6 address such as 100.64.0.7 or fd7a:115c:a1e0::1",
  DEVICE_ID: "a node id such as nAbC123CNTRL (or a numeric device id)",
  DEVICE_NAME: "a device name such as build-server-1",
  USER: "a login such as alice@example.com",
  KEY_ID: "a key id such as kAbC123CNTRL",
  DOMAIN: "a domain such as example.com",
  HASH: "an MD5, SHA-1, SHA-256 or SHA-512 hash in hex",
  URL: "an http or https URL",
};
