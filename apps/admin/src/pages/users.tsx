// The accounts an administrator manages: who they are, their role and scope, and whether they must
// still change a temporary password; new accounts, temporary passwords (each shown once), and
// changes of role, scope or access.
import { type LocalizedText, toVietnamDate } from "@sodoan/domain";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type UseFormRegisterReturn, useForm } from "react-hook-form";
import { useSearchParams } from "react-router";
import { z } from "zod";
import { ApiRequestError, apiGet, apiRequest, queryString } from "../lib/api";
import { hasPermission, type Me, ROLE_LABELS, type Role, useMe } from "../lib/auth";
import { ifMatchOf } from "../lib/etag";
import { useLocale } from "../lib/locale";
import { ActionNotice, useActionForm } from "../ui/action-form";
import { AuditHistory } from "../ui/audit-history";
import { ErrorNotice } from "../ui/error-notice";
import { FieldError } from "../ui/field-error";
import { useOrganizations } from "../ui/organization-select";
import { Pager } from "../ui/pager";
import { TextField } from "../ui/text-field";

type User = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  version: number;
};

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get("page") ?? "1") || 1);
  const users = useQuery({
    queryKey: ["users", page],
    queryFn: ({ signal }) =>
      apiGet<{ items: User[]; total: number }>(
        `/api/v1/users${queryString({ page, pageSize: PAGE_SIZE })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE_SIZE));
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t({ vi: "Tài khoản", en: "Accounts" })}</h2>
      {me.data && <CreateUserForm me={me.data} />}
      {users.isError && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
      <table className="data" data-testid="user-table">
        <thead>
          <tr>
            <th scope="col">{t({ vi: "Họ và tên", en: "Full name" })}</th>
            <th scope="col">{t({ vi: "Thư điện tử", en: "E-mail" })}</th>
            <th scope="col">{t({ vi: "Vai trò", en: "Role" })}</th>
            <th scope="col">{t({ vi: "Phạm vi", en: "Scope" })}</th>
            <th scope="col">{t({ vi: "Tình trạng", en: "State" })}</th>
            <th scope="col">{t({ vi: "Thao tác", en: "Actions" })}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.items.map((user) => (
            <tr key={user.id}>
              <td>{user.fullName}</td>
              <td>{user.email}</td>
              <td>{t(ROLE_LABELS[user.role])}</td>
              <td>{user.organizationId ?? t({ vi: "Toàn hệ thống", en: "Everything" })}</td>
              <td>
                {user.disabled
                  ? t({ vi: "Đã khóa", en: "Disabled" })
                  : user.mustChangePassword
                    ? t({ vi: "Chờ đổi mật khẩu tạm", en: "Must change a temporary password" })
                    : t({ vi: "Đang dùng", en: "Active" })}
              </td>
              <td>
                {user.id !== me.data?.user.id && me.data && (
                  <>
                    <ResetPasswordButton user={user} />
                    <EditUserForm user={user} me={me.data} />
                  </>
                )}
                {hasPermission(me.data, "audit.read") && <AuditHistory entity="user" id={user.id} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} onPage={(to) => setSearch(queryString({ page: to }))} />
    </section>
  );
}

/** The roles an administrator may give: only a system administrator makes another. */
function rolesFor(me: Me): Role[] {
  const all: Role[] = ["viewer", "editor", "org_admin", "system_admin"];
  return me.scope === null ? all : all.filter((role) => role !== "system_admin");
}

/** What the account forms send, checked before sending as the API checks it. */
const AccountInputSchema = z
  .object({
    email: z.email({ message: "Thư điện tử không hợp lệ / Not a valid e-mail address" }).optional(),
    fullName: z.string().trim().min(1, { message: "Cần họ và tên / The full name is required" }).optional(),
    role: z.enum(["system_admin", "org_admin", "editor", "viewer"]),
    organizationId: z.string().nullable(),
  })
  .refine(
    (value) =>
      (value.role === "system_admin") === (value.organizationId === null || value.organizationId === ""),
    {
      path: ["organizationId"],
      message:
        "Quản trị hệ thống không gắn với tổ chức; vai trò khác cần một tổ chức / Every role but the system administrator's needs an organisation",
    },
  );

/** The scope the API reads: none for a system administrator; an empty choice stays empty so the check names it. */
function scopeOf(role: string, organizationId: string): string | null {
  return role === "system_admin" ? null : organizationId;
}

function RoleAndScopeFields({
  prefix,
  me,
  role,
  organization,
  current,
  errors,
}: {
  prefix: string;
  me: Me;
  role: UseFormRegisterReturn;
  organization: UseFormRegisterReturn;
  /** The scope already chosen, offered even when it no longer exists today (a merged unit). */
  current: { id: string; name: string } | null;
  errors: Record<string, string>;
}) {
  const { t } = useLocale();
  const organizations = useOrganizations(toVietnamDate(new Date()));
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-role`}>{t({ vi: "Vai trò", en: "Role" })}</label>
        <select id={`${prefix}-role`} {...role}>
          {rolesFor(me).map((value) => (
            <option key={value} value={value}>
              {t(ROLE_LABELS[value])}
            </option>
          ))}
        </select>
        <FieldError error={errors.role} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-organizationId`}>
          {t({ vi: "Phạm vi (tổ chức)", en: "Scope (organisation)" })}
        </label>
        <select
          id={`${prefix}-organizationId`}
          {...organization}
          aria-invalid={errors.organizationId ? true : undefined}
          aria-describedby={errors.organizationId ? `${prefix}-organizationId-error` : undefined}
        >
          <option value="">
            {t({ vi: "— Không (quản trị hệ thống) —", en: "— None (system administrator) —" })}
          </option>
          {current !== null && !organizations.data?.items.some((item) => item.id === current.id) && (
            <option value={current.id}>{current.name}</option>
          )}
          {organizations.data?.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-organizationId-error`} error={errors.organizationId} />
      </div>
    </>
  );
}

/** A temporary password, shown this once: the API keeps only its hash. */
function TemporaryPassword({ email, password }: { email: string; password: string }) {
  const { t } = useLocale();
  return (
    <div className="notice notice-good" role="status" data-testid="temporary-password">
      <p>
        {t({
          vi: `Mật khẩu tạm của ${email} (chỉ hiện một lần; người dùng phải đổi khi đăng nhập):`,
          en: `The temporary password of ${email} (shown once; it must be changed at sign-in):`,
        })}
      </p>
      <p>
        <code>{password}</code>
      </p>
    </div>
  );
}

function CreateUserForm({ me }: { me: Me }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const form = useActionForm();
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
  const { register, handleSubmit, reset, formState } = useForm({
    defaultValues: {
      email: "",
      fullName: "",
      role: "viewer",
      organizationId: me.scope?.organizationId ?? "",
    },
  });
  const submit = handleSubmit(async (values) => {
    setIssued(null);
    const done = await form.run(
      AccountInputSchema,
      {
        email: values.email.trim(),
        fullName: values.fullName,
        role: values.role,
        organizationId: scopeOf(values.role, values.organizationId),
      },
      async (input) => {
        // No password is sent: the API issues a temporary one and answers it this once.
        const { data } = await apiRequest<User & { temporaryPassword?: string }>("/api/v1/users", {
          method: "POST",
          json: input,
        });
        if (data.temporaryPassword !== undefined)
          setIssued({ email: data.email, password: data.temporaryPassword });
        await queryClient.invalidateQueries({ queryKey: ["users"] });
        return { vi: `Đã tạo tài khoản ${data.email}.`, en: `The account ${data.email} is created.` };
      },
    );
    if (done) reset();
  });
  return (
    <details className="panel" data-testid="create-user">
      <summary>{t({ vi: "Tạo tài khoản", en: "Create an account" })}</summary>
      <form onSubmit={submit} noValidate aria-label={t({ vi: "Tạo tài khoản", en: "Create an account" })}>
        <TextField
          id="user-email"
          label={t({ vi: "Thư điện tử", en: "E-mail" })}
          type="email"
          autoComplete="off"
          registration={register("email")}
          error={form.errors.email}
        />
        <TextField
          id="user-fullName"
          label={t({ vi: "Họ và tên", en: "Full name" })}
          registration={register("fullName")}
          error={form.errors.fullName}
        />
        <RoleAndScopeFields
          prefix="user"
          me={me}
          current={me.scope && { id: me.scope.organizationId, name: me.scope.organizationName }}
          role={register("role")}
          organization={register("organizationId")}
          errors={form.errors}
        />
        <ActionNotice notice={form.notice} />
        {issued && <TemporaryPassword {...issued} />}
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t({ vi: "Tạo tài khoản", en: "Create the account" })}
        </button>
      </form>
    </details>
  );
}

function ResetPasswordButton({ user }: { user: User }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <button
        type="button"
        disabled={busy}
        aria-label={t({
          vi: `Cấp mật khẩu tạm cho ${user.email}`,
          en: `Issue a temporary password to ${user.email}`,
        })}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const { data } = await apiRequest<{ temporaryPassword: string }>(
              `/api/v1/users/${encodeURIComponent(user.id)}/reset-password`,
              { method: "POST" },
            );
            setIssued(data.temporaryPassword);
            await queryClient.invalidateQueries({ queryKey: ["users"] });
          } catch (caught) {
            setError(
              caught instanceof ApiRequestError
                ? caught.localized
                : { vi: "Không cấp được mật khẩu tạm.", en: "Could not issue a temporary password." },
            );
          } finally {
            setBusy(false);
          }
        }}
      >
        {t({ vi: "Cấp mật khẩu tạm", en: "Temporary password" })}
      </button>
      {issued && <TemporaryPassword email={user.email} password={issued} />}
      {error && <ActionNotice notice={{ kind: "error", text: error }} />}
    </div>
  );
}

function EditUserForm({ user, me }: { user: User; me: Me }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const form = useActionForm();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });
  const { register, handleSubmit, formState } = useForm({
    defaultValues: {
      role: user.role as string,
      organizationId: user.organizationId ?? "",
      disabled: user.disabled,
    },
  });
  const submit = handleSubmit((values) =>
    form.run(
      AccountInputSchema.and(z.object({ disabled: z.boolean() })),
      {
        role: values.role,
        organizationId: scopeOf(values.role, values.organizationId),
        disabled: values.disabled,
      },
      async (input) => {
        await apiRequest(`/api/v1/users/${encodeURIComponent(user.id)}`, {
          method: "PATCH",
          json: input,
          ifMatch: ifMatchOf(user.version),
        });
        await refresh();
        return { vi: "Đã lưu.", en: "Saved." };
      },
      refresh,
    ),
  );
  const prefix = `edit-${user.id}`;
  return (
    <details>
      <summary>{t({ vi: "Đổi vai trò, phạm vi", en: "Role, scope, access" })}</summary>
      <form
        onSubmit={submit}
        noValidate
        aria-label={t({ vi: `Sửa tài khoản ${user.email}`, en: `Edit ${user.email}` })}
      >
        <RoleAndScopeFields
          prefix={prefix}
          me={me}
          current={
            user.organizationId === null ? null : { id: user.organizationId, name: user.organizationId }
          }
          role={register("role")}
          organization={register("organizationId")}
          errors={form.errors}
        />
        <div className="field">
          <label>
            <input type="checkbox" {...register("disabled")} /> {t({ vi: "Khóa tài khoản", en: "Disabled" })}
          </label>
        </div>
        <ActionNotice notice={form.notice} />
        <button type="submit" disabled={formState.isSubmitting}>
          {t({ vi: "Lưu", en: "Save" })}
        </button>
      </form>
    </details>
  );
}
