// OpenAPI paths of the log REST API (/api/v1/audit-events, /flows, /devices).
export const LOG_PATHS: Record<string, object> = {};
