// Every page behind sign-in: who is signed in and over which organisation, the pages their
// permissions open, sign-out; a temporary password must be changed before anything else.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { apiRequest } from "./lib/api";
import { hasPermission, ME_QUERY_KEY, ROLE_LABELS, useMe } from "./lib/auth";
import { useLocale } from "./lib/locale";
import { ChangePasswordForm } from "./pages/change-password";
import { paths } from "./paths";
import { StatusPanel } from "./status-panel";
import { ErrorNotice } from "./ui/error-notice";

export function SignedInLayout() {
  const me = useMe();
  const location = useLocation();
  const { t } = useLocale();

  if (me.isPending) {
    return (
      <main className="content">
        <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="content">
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
        <StatusPanel />
      </main>
    );
  }
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.login}?next=${encodeURIComponent(next)}`} replace />;
  }
  const session = me.data;
  return (
    <>
      <nav className="main-nav" aria-label={t({ vi: "Chức năng", en: "Sections" })}>
        <ul>
          <li>
            <NavLink to={paths.dashboard} end>
              {t({ vi: "Tổng quan", en: "Dashboard" })}
            </NavLink>
          </li>
          <li>
            <NavLink to={paths.organizations}>{t({ vi: "Cây tổ chức", en: "Organisations" })}</NavLink>
          </li>
          {hasPermission(session, "members.read") && (
            <li>
              <NavLink to={paths.members} end>
                {t({ vi: "Đoàn viên", en: "Members" })}
              </NavLink>
            </li>
          )}
          {hasPermission(session, "members.write") && (
            <>
              <li>
                <NavLink to={paths.newMember}>{t({ vi: "Thêm đoàn viên", en: "New member" })}</NavLink>
              </li>
              <li>
                <NavLink to={paths.importMembers}>{t({ vi: "Nhập CSV", en: "Import CSV" })}</NavLink>
              </li>
            </>
          )}
          {hasPermission(session, "referrals.read") && (
            <li>
              <NavLink to={paths.referrals}>
                {t({ vi: "Giới thiệu vào Đảng", en: "Party referrals" })}
              </NavLink>
            </li>
          )}
          <li>
            <NavLink to={paths.articles}>{t({ vi: "Bài viết", en: "Articles" })}</NavLink>
          </li>
          {hasPermission(session, "content.write") && (
            <li>
              <NavLink to={paths.newArticle}>{t({ vi: "Viết bài", en: "New article" })}</NavLink>
            </li>
          )}
          <li>
            <NavLink to={paths.conferences}>{t({ vi: "Hội nghị", en: "Conferences" })}</NavLink>
          </li>
          {hasPermission(session, "users.manage") && (
            <li>
              <NavLink to={paths.users}>{t({ vi: "Tài khoản", en: "Accounts" })}</NavLink>
            </li>
          )}
        </ul>
        <div className="session" data-testid="session">
          <span>
            {session.user.fullName} · {t(ROLE_LABELS[session.user.role])}
          </span>
          <span data-testid="scope">
            {session.scope === null
              ? t({ vi: "Phạm vi: toàn hệ thống", en: "Scope: the whole system" })
              : `${t({ vi: "Phạm vi", en: "Scope" })}: ${session.scope.organizationName}`}
          </span>
          <SignOutButton />
        </div>
      </nav>
      <main className="content" id="main">
        {session.user.mustChangePassword ? <ChangePasswordForm forced /> : <Outlet />}
      </main>
    </>
  );
}

function SignOutButton() {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await apiRequest("/api/v1/auth/logout", { method: "POST" });
        } catch {
          // Signed out or not, the screen forgets the session: the next call will say which.
        }
        queryClient.clear();
        queryClient.setQueryData(ME_QUERY_KEY, null);
        void navigate(paths.login);
      }}
    >
      {t({ vi: "Đăng xuất", en: "Sign out" })}
    </button>
  );
}
