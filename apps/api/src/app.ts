// The API as a Hono app: middleware, the error vocabulary, and every route, apart from the listener.
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Services } from "./context.js";
import { isDatabaseUnavailable } from "./db/errors.js";
import { ApiError, errorBody, statusOf } from "./errors.js";
import { createRouter } from "./openapi.js";
import { healthRoutes } from "./routes/health.js";
import { publicArticleRoutes } from "./routes/public-articles.js";

export type { Services } from "./context.js";
export type { ErrorBody, ErrorCode } from "./errors.js";

/** Builds the API around its services; `main.ts` serves it, tests call `app.request()`. */
export function createApp(services: Services) {
  const api = createRouter();
  const app = api
    .use(requestId())
    .use(secureHeaders())
    .use(async (c, next) => {
      c.set("services", services);
      await next();
    })
    .route("/api/health", healthRoutes)
    .route("/api/v1/public/articles", publicArticleRoutes);

  api.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Sổ Đoàn API",
      version: "0.0.0",
      description: "API của Sổ Đoàn / The Sổ Đoàn API. Lỗi / Errors: DESIGN.md §6.",
    },
  });

  app.notFound((c) => c.json(errorBody("NOT_FOUND", c.var.requestId), 404));

  app.onError((error, c) => {
    const id = c.var.requestId;
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, id, error.localized, error.issues), statusOf(error.code));
    }
    if (isDatabaseUnavailable(error)) {
      c.header("Retry-After", "5");
      return c.json(errorBody("DATABASE_UNAVAILABLE", id), 503);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals (a malformed body, say) are the client's mistake, not ours.
      return c.json(errorBody("VALIDATION_FAILED", id), 400);
    }
    console.error(`[${id}]`, error);
    return c.json(errorBody("INTERNAL_ERROR", id), 500);
  });

  return app;
}

/** The API's routes, for Hono's typed client: `hc<AppType>(baseUrl)`. */
export type AppType = ReturnType<typeof createApp>;
