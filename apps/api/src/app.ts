// The API as a Hono app: middleware, the error vocabulary, and every route, apart from the listener.
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { guard } from "./auth/guard.js";
import { createRateLimiter, DEFAULT_COMMENT_LIMIT } from "./auth/rate-limit.js";
import { changeBusOf } from "./content/change-bus.js";
import { createPublicReadCache } from "./content/public-read-cache.js";
import type { Services } from "./context.js";
import { constraintViolationOf, isDatabaseUnavailable } from "./db/errors.js";
import { createSnapshotCache } from "./db/snapshot-cache.js";
import { ApiError, errorBody, statusOf } from "./errors.js";
import { requestIds } from "./http/request-id.js";
import { requestEntry, silentLogger } from "./log.js";
import { createRouter } from "./openapi.js";
import { articleRoutes } from "./routes/articles.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { changeRoutes } from "./routes/changes.js";
import { commentRoutes } from "./routes/comments.js";
import { conferenceRoutes } from "./routes/conferences.js";
import { docsRoutes } from "./routes/docs.js";
import { documentRoutes } from "./routes/documents.js";
import { healthRoutes } from "./routes/health.js";
import { memberBulkRoutes } from "./routes/member-bulk.js";
import { memberCsvRoutes } from "./routes/member-csv.js";
import { memberEventRoutes } from "./routes/member-events.js";
import { memberPrivacyRoutes } from "./routes/member-privacy.js";
import { memberRoutes } from "./routes/members.js";
import { metricRoutes, publicMetricRoutes } from "./routes/metrics.js";
import { organizationRecordRoutes } from "./routes/organization-records.js";
import { organizationRoutes } from "./routes/organizations.js";
import { positionRoutes } from "./routes/positions.js";
import { publicRoutes } from "./routes/public.js";
import { publicOrganizationRoutes } from "./routes/public-organizations.js";
import { referralRoutes } from "./routes/referrals.js";
import { searchRoutes } from "./routes/search.js";
import { userRoutes } from "./routes/users.js";

export type { Access } from "./access.js";
export type { Services } from "./context.js";
export type { ErrorBody, ErrorCode } from "./errors.js";

/** The largest JSON body the API reads; uploads that need more set their own limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

const jsonBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("PAYLOAD_TOO_LARGE", {
      vi: `Dữ liệu gửi lên quá lớn (tối đa ${MAX_BODY_BYTES / 1024} KB)`,
      en: `The request body is too large (at most ${MAX_BODY_BYTES / 1024} KB)`,
    });
  },
});

/**
 * The API answers JSON (and images) that no browser shows as a page, so of the headers that
 * protect pages it keeps those that still apply, as OWASP's REST guidance lists them: no sniffing
 * of the content type, HTTPS only, not readable by other sites' pages, and a policy that lets
 * nothing run or frame it should a browser open it. The reference page at /api/docs is a page,
 * and gets the whole set for pages.
 */
const apiSecurityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});
const pageSecurityHeaders = secureHeaders();
const DOCS_PATH = "/api/docs";

const WITHOUT_BODY = new Set(["GET", "HEAD"]);

/** Uploads that set their own, larger limit: article images (`articles.ts`), CSV imports (`member-csv.ts`). */
const OWN_LIMIT_PATH = /^\/api\/v1\/(articles\/[^/]+\/images|members\/import)$/;

/** Builds the API around its services; `main.ts` serves it, tests call `app.request()`. */
export function createApp(services: Services) {
  // Counted for as long as the app lives, like the sign-in attempts (see `authRoutes`).
  const commentLimiter = createRateLimiter(services.readers?.commentLimit ?? DEFAULT_COMMENT_LIMIT);
  const log = services.log ?? silentLogger;
  const snapshotCache = createSnapshotCache();
  // One cache per app, dropped by its own writes and by every change the bus announces.
  const bus = changeBusOf(services);
  const publicReads = createPublicReadCache({ now: () => services.now().getTime() });
  publicReads.follow(bus);
  const api = createRouter();
  const app = api
    .use(requestIds)
    .use(async (c, next) => {
      const started = performance.now();
      c.set("services", services);
      c.set("commentLimiter", commentLimiter);
      c.set("snapshotCache", snapshotCache.forRequest());
      await next();
      const { method, path } = c.req;
      log(requestEntry({ requestId: c.get("requestId"), method, path, status: c.res.status, started }));
    })
    // Public answers are made and kept here, and served again by the cache's front (below).
    .use(publicReads.reads)
    .use((c, next) =>
      c.req.path.startsWith(DOCS_PATH) ? pageSecurityHeaders(c, next) : apiSecurityHeaders(c, next),
    )
    .use(publicReads.writes(bus))
    // Uploads are held to their own, larger limits by their routes. A GET or HEAD carries no body
    // to measure, and asking a request on Node for its body builds a whole Fetch request first.
    .use("/api/v1/*", (c, next) =>
      WITHOUT_BODY.has(c.req.method) || OWN_LIMIT_PATH.test(c.req.path) ? next() : jsonBodyLimit(c, next),
    )
    // Who is asking and what they may reach, before any handler: see auth/policy.ts.
    .use(guard)
    .route("/api/health", healthRoutes)
    .route(DOCS_PATH, docsRoutes)
    .route("/api/v1/public/changes", changeRoutes)
    .route("/api/v1/public/metrics", publicMetricRoutes)
    .route("/api/v1/public/organizations", publicOrganizationRoutes)
    .route("/api/v1/public", publicRoutes)
    .route("/api/v1/auth", authRoutes(services))
    .route("/api/v1/users", userRoutes)
    .route("/api/v1/audit", auditRoutes)
    .route("/api/v1/conferences", conferenceRoutes)
    .route("/api/v1/articles", articleRoutes)
    .route("/api/v1/comments", commentRoutes)
    .route("/api/v1/organizations", organizationRoutes)
    .route("/api/v1/organizations", organizationRecordRoutes)
    .route("/api/v1/positions", positionRoutes)
    .route("/api/v1/documents", documentRoutes)
    // The CSV routes come before `/{id}`, which would otherwise take "export.csv" for an id.
    .route("/api/v1/members", memberCsvRoutes)
    .route("/api/v1/members", memberBulkRoutes)
    .route("/api/v1/members", memberRoutes)
    .route("/api/v1/members", memberEventRoutes)
    .route("/api/v1/members", memberPrivacyRoutes)
    .route("/api/v1/referrals", referralRoutes)
    .route("/api/v1/metrics", metricRoutes)
    .route("/api/v1/search", searchRoutes);

  api.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Sổ Đoàn API",
      version: "0.0.0",
      description:
        "API của Sổ Đoàn: mọi lỗi có cùng một dạng, thông báo bằng tiếng Việt và tiếng Anh. / " +
        "The Sổ Đoàn API: every error has one shape, with its message in Vietnamese and English.",
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
      log({ level: "warn", msg: "database unavailable", requestId: id, error });
      c.header("Retry-After", "5");
      return c.json(errorBody("DATABASE_UNAVAILABLE", id), 503);
    }
    // A constraint the schemas could not check (a duplicate, a record that vanished meanwhile) is
    // still the client's request meeting the data, not a fault of ours.
    switch (constraintViolationOf(error)) {
      case "unique":
        return c.json(errorBody("CONFLICT", id, CONSTRAINT_MESSAGES.unique), 409);
      case "reference":
        return c.json(errorBody("CONFLICT", id, CONSTRAINT_MESSAGES.reference), 409);
      case "invalid_data":
        return c.json(errorBody("VALIDATION_FAILED", id, CONSTRAINT_MESSAGES.invalidData), 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals (a malformed JSON body, say) are the client's mistake, not ours.
      return c.json(errorBody("VALIDATION_FAILED", id, MALFORMED_MESSAGE), 400);
    }
    log({ level: "error", msg: "unhandled error", requestId: id, error });
    return c.json(errorBody("INTERNAL_ERROR", id), 500);
  });

  // A public answer already made is served before the app even routes the request.
  return publicReads.front(app, log);
}

const MALFORMED_MESSAGE = {
  vi: "Yêu cầu không đọc được (JSON sai cú pháp?)",
  en: "The request cannot be read (malformed JSON?)",
};

const CONSTRAINT_MESSAGES = {
  unique: { vi: "Đã có bản ghi trùng", en: "A record like this already exists" },
  reference: {
    vi: "Bản ghi liên quan không tồn tại hoặc vẫn đang được dùng",
    en: "A related record does not exist or is still in use",
  },
  invalidData: {
    vi: "Dữ liệu chứa giá trị không lưu được",
    en: "The input holds a value that cannot be stored",
  },
};

/** The API's routes, for Hono's typed client: `hc<AppType>(baseUrl)`. */
export type AppType = ReturnType<typeof createApp>;
