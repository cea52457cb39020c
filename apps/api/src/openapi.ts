// Routes are declared with their zod schemas so that validation and the OpenAPI document agree.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { toIssues } from "@sodoan/domain";
import type { AppEnv } from "./context.js";
import { ApiError, DEFAULT_MESSAGES } from "./errors.js";

/** A sub-app whose request validation fails with the API's own 400 body, in both languages. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      throw new ApiError("VALIDATION_FAILED", DEFAULT_MESSAGES.VALIDATION_FAILED, {
        issues: toIssues(result.error),
      });
    },
  });
}

/** The error body as a schema, for the OpenAPI document. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.object({ vi: z.string(), en: z.string() }),
      issues: z.array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          message: z.object({ vi: z.string(), en: z.string() }),
        }),
      ),
      requestId: z.string(),
    }),
  })
  .openapi("Error");

/** The OpenAPI response entry of a JSON body. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** The OpenAPI response entry of an error status. */
export function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: ErrorBodySchema } } };
}
