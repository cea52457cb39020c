// The accounts an administrator manages: who they are, their role and scope, and whether they must
// still change a temporary password.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { apiGet, queryString } from "../lib/api";
import { ROLE_LABELS, type Role } from "../lib/auth";
import { useLocale } from "../lib/locale";
import { ErrorNotice } from "../ui/error-notice";
import { Pager } from "../ui/pager";

type User = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  organizationId: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
};

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useLocale();
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
      {users.isError && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
      <table className="data" data-testid="user-table">
        <thead>
          <tr>
            <th scope="col">{t({ vi: "Họ và tên", en: "Full name" })}</th>
            <th scope="col">{t({ vi: "Thư điện tử", en: "E-mail" })}</th>
            <th scope="col">{t({ vi: "Vai trò", en: "Role" })}</th>
            <th scope="col">{t({ vi: "Phạm vi", en: "Scope" })}</th>
            <th scope="col">{t({ vi: "Tình trạng", en: "State" })}</th>
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
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} onPage={(to) => setSearch(queryString({ page: to }))} />
    </section>
  );
}
