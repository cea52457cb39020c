// Accounts, managed by system administrators and by organisation administrators within their scope.
import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, count, desc, eq, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { Context } from "hono";
import { hashPassword, RECOMMENDED_COST, temporaryPassword } from "../auth/passwords.js";
import { ROLES } from "../auth/roles.js";
import { closeSessionsOf } from "../auth/sessions.js";
import type { AppEnv } from "../context.js";
import { appUser } from "../db/schema/index.js";
import { ApiError } from "../errors.js";
import { assertUpdated, assertVersion, expectedVersion, setEtag } from "../http/concurrency.js";
import { listQuerySchema, pageSchemaOf } from "../http/list.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";
import { EmailSchema, NewPasswordSchema } from "./auth.js";
import { assertOrganization } from "./positions.js";

const tags = ["users"];

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    fullName: z.string(),
    role: z.enum(ROLES),
    organizationId: z.string().nullable(),
    mustChangePassword: z.boolean(),
    disabled: z.boolean(),
    version: z.number().int(),
  })
  .openapi("User");
type UserView = z.infer<typeof UserSchema>;

const ScopeFields = {
  role: z.enum(ROLES),
  /** The root of the scope; required for every role but the system administrator's. */
  organizationId: z.string().trim().min(1).max(200).nullable(),
};

function requireScope<T extends { role?: string | undefined; organizationId?: string | null | undefined }>(
  schema: z.ZodType<T>,
) {
  return schema.superRefine((value, ctx) => {
    if (value.role === undefined) return;
    const needsOrganization = value.role !== "system_admin";
    if (needsOrganization && (value.organizationId === null || value.organizationId === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "Vai trò này cần một tổ chức / This role needs an organisation",
      });
    }
    if (!needsOrganization && value.organizationId !== null && value.organizationId !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "Quản trị hệ thống không gắn với tổ chức / A system administrator has no organisation",
      });
    }
  });
}

const UserCreateSchema = requireScope(
  z.object({
    email: EmailSchema,
    fullName: z.string().trim().min(1).max(200),
    /** Left out, the API issues a temporary password, shown once, that must be changed at sign-in. */
    password: NewPasswordSchema.optional(),
    ...ScopeFields,
  }),
).openapi("UserCreate");

/** A new account, with the temporary password when the API issued one: the only time it is shown. */
const CreatedUserSchema = UserSchema.extend({ temporaryPassword: z.string().optional() }).openapi(
  "CreatedUser",
);

const UserUpdateSchema = requireScope(
  z
    .object({
      fullName: z.string().trim().min(1).max(200),
      disabled: z.boolean(),
      ...ScopeFields,
    })
    .partial(),
).openapi("UserUpdate");

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

const ListQuerySchema = listQuerySchema(["email"], "email:asc").extend({
  organizationId: z.string().min(1).max(200).optional(),
});

const notFound = errorResponse("Không tìm thấy tài khoản / No such account");

type UserRow = typeof appUser.$inferSelect;

function toUser(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role as UserView["role"],
    organizationId: row.organizationId,
    mustChangePassword: row.mustChangePassword,
    disabled: row.disabledAt !== null,
    version: row.version,
  };
}

/** The accounts within the caller's scope: a subtree administrator sees no system administrator. */
function scopeOf(c: Context<AppEnv>): SQL | undefined {
  const access = c.var.access;
  if (access.kind === "unrestricted") return undefined;
  return and(isNotNull(appUser.organizationId), inArray(appUser.organizationId, [...access.organizationIds]));
}

async function findUser(c: Context<AppEnv>, id: string): Promise<UserRow> {
  const [row] = await c.var.services.database.db
    .select()
    .from(appUser)
    .where(and(eq(appUser.id, id), scopeOf(c)));
  if (row === undefined)
    throw new ApiError("NOT_FOUND", { vi: "Không tìm thấy tài khoản", en: "No such account" });
  return row;
}

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Danh sách tài khoản trong phạm vi / Accounts within one's scope",
      request: { query: ListQuerySchema },
      responses: { 200: jsonResponse(pageSchemaOf(UserSchema), "Một trang tài khoản / A page of accounts") },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const db = c.var.services.database.db;
      const where = and(
        scopeOf(c),
        query.organizationId === undefined ? undefined : eq(appUser.organizationId, query.organizationId),
      );
      const [total] = await db.select({ value: count() }).from(appUser).where(where);
      const rows = await db
        .select()
        .from(appUser)
        .where(where)
        .orderBy(query.sort[0]?.direction === "desc" ? desc(appUser.email) : asc(appUser.email))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      return c.json(
        { items: rows.map(toUser), total: total?.value ?? 0, page: query.page, pageSize: query.pageSize },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Tạo tài khoản / Create an account",
      request: { body: { content: { "application/json": { schema: UserCreateSchema } }, required: true } },
      responses: {
        201: jsonResponse(CreatedUserSchema, "Đã tạo / Created"),
        400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
        409: errorResponse("Email đã có tài khoản / The email already has an account"),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      if (input.organizationId != null) await assertOrganization(c, input.organizationId);
      const { database, now, auth } = c.var.services;
      const issued = input.password === undefined ? temporaryPassword() : undefined;
      const passwordHash = await hashPassword(
        input.password ?? issued ?? "",
        auth?.passwordCost ?? RECOMMENDED_COST,
      );
      const at = now().toISOString();
      const row = await database.db.transaction(async (tx) => {
        const [taken] = await tx
          .select({ id: appUser.id })
          .from(appUser)
          .where(eq(appUser.email, input.email));
        if (taken !== undefined) {
          const message = { vi: "Email này đã có tài khoản", en: "This email already has an account" };
          throw new ApiError("CONFLICT", message, { issues: [{ path: ["email"], message }] });
        }
        const [inserted] = await tx
          .insert(appUser)
          .values({
            email: input.email,
            fullName: input.fullName,
            role: input.role,
            organizationId: input.organizationId,
            passwordHash,
            mustChangePassword: issued !== undefined,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        return inserted as UserRow;
      });
      setEtag(c, row.version);
      c.header("Location", `/api/v1/users/${row.id}`);
      return c.json({ ...toUser(row), ...(issued === undefined ? {} : { temporaryPassword: issued }) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "Một tài khoản / One account",
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(UserSchema, "Tài khoản / The account"), 404: notFound },
    }),
    async (c) => {
      const row = await findUser(c, c.req.valid("param").id);
      setEtag(c, row.version);
      return c.json(toUser(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary: "Đổi tên, vai trò, phạm vi hoặc khoá tài khoản / Change name, role, scope, or disable",
      description: "Có hiệu lực ngay ở yêu cầu sau / Takes effect from the next request",
      request: {
        params: IdParamsSchema,
        body: { content: { "application/json": { schema: UserUpdateSchema } }, required: true },
      },
      responses: {
        200: jsonResponse(UserSchema, "Đã sửa / Updated"),
        400: errorResponse("Dữ liệu không hợp lệ / Invalid input"),
        404: notFound,
        412: errorResponse("Phiên bản cũ / Stale version"),
        428: errorResponse("Thiếu If-Match / If-Match required"),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const expected = expectedVersion(c);
      const current = await findUser(c, c.req.valid("param").id);
      assertVersion(current.version, expected);
      if (input.role !== undefined && input.organizationId === undefined && input.role !== current.role) {
        // A role change keeps the scope only where the new role has one.
        const message = {
          vi: "Đổi vai trò thì ghi cả tổ chức",
          en: "A change of role names the organisation too",
        };
        throw new ApiError("VALIDATION_FAILED", message, { issues: [{ path: ["organizationId"], message }] });
      }
      if (c.var.user?.id === current.id && (input.disabled === true || input.role !== undefined)) {
        const message = {
          vi: "Không thể tự khoá hay đổi vai trò của chính mình",
          en: "You cannot disable your own account or change your own role",
        };
        throw new ApiError("CONFLICT", message);
      }
      if (input.organizationId != null) await assertOrganization(c, input.organizationId);
      const { database, now } = c.var.services;
      const row = await database.db.transaction(async (tx) => {
        const updated = assertUpdated(
          await tx
            .update(appUser)
            .set({
              ...(input.fullName === undefined ? {} : { fullName: input.fullName }),
              ...(input.role === undefined ? {} : { role: input.role }),
              ...(input.organizationId === undefined ? {} : { organizationId: input.organizationId }),
              ...(input.disabled === undefined
                ? {}
                : { disabledAt: input.disabled ? (current.disabledAt ?? now().toISOString()) : null }),
              version: current.version + 1,
              updatedAt: now().toISOString(),
            })
            .where(and(eq(appUser.id, current.id), eq(appUser.version, current.version)))
            .returning(),
        );
        if (input.disabled === true) await closeSessionsOf(tx, current.id);
        return updated;
      });
      setEtag(c, row.version);
      return c.json(toUser(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reset-password",
      tags,
      summary: "Cấp mật khẩu tạm / Issue a temporary password",
      description:
        "Mật khẩu tạm chỉ hiện một lần; người dùng phải đổi sau khi đăng nhập; các phiên cũ bị đóng. / " +
        "The temporary password is shown once; the user must change it after signing in; their sessions end.",
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse(
          z.object({ temporaryPassword: z.string() }),
          "Mật khẩu tạm / The temporary password",
        ),
        404: notFound,
      },
    }),
    async (c) => {
      const current = await findUser(c, c.req.valid("param").id);
      const { database, now, auth } = c.var.services;
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password, auth?.passwordCost ?? RECOMMENDED_COST);
      await database.db.transaction(async (tx) => {
        await tx
          .update(appUser)
          .set({
            passwordHash,
            mustChangePassword: true,
            version: current.version + 1,
            updatedAt: now().toISOString(),
          })
          .where(eq(appUser.id, current.id));
        await closeSessionsOf(tx, current.id);
      });
      return c.json({ temporaryPassword: password }, 200);
    },
  );
