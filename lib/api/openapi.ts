// The REST API's OpenAPI description, served at /api/v1/openapi.json. Each feature adds its paths.
export function openApiDocument(serverUrl: string) {
  const error = {
    type: "object",
    properties: {
      error: {
        type: "object",
        properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
        required: ["code", "message"],
      },
      requestId: { type: "string", nullable: true },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Countersign API",
      version: "1",
      description:
        "Personal API tokens act as the user who created them, with that user's roles. Create one under Account → API tokens or with `npm run countersign -- token create --user <email> --name <name>`.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (cs_…)" } },
      schemas: {
        Error: error,
        Me: {
          type: "object",
          properties: {
            id: { type: "string" },
            email: { type: "string", format: "email" },
            name: { type: "string" },
            roles: { type: "array", items: { type: "string", enum: ["EMPLOYEE", "SECURITY", "COO", "ADMIN"] } },
            permissions: { type: "array", items: { type: "string" } },
          },
          required: ["id", "email", "name", "roles", "permissions"],
        },
      },
      responses: {
        Unauthenticated: { description: "Missing, malformed, unknown, revoked or expired token", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        Forbidden: { description: "The token's user is disabled or lacks the permission", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/me": {
        get: {
          summary: "Who you are",
          operationId: "getMe",
          responses: {
            "200": { description: "The token's user", content: { "application/json": { schema: { $ref: "#/components/schemas/Me" } } } },
            "401": { $ref: "#/components/responses/Unauthenticated" },
            "403": { $ref: "#/components/responses/Forbidden" },
          },
        },
      },
    },
  };
}
