// The sign-in page, part of the first download: e-mail and password, then back to the page asked for.
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiRequestError, apiRequest } from "../lib/api";
import { ME_QUERY_KEY, type Me, useMe } from "../lib/auth";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { StatusPanel } from "../status-panel";

/** Only a path of this site: a `next` pointing elsewhere would make sign-in a redirector. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : paths.dashboard;
}

export function LoginPage() {
  const { t } = useLocale();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(search.get("next"));

  if (me.data) return <Navigate to={next} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { data } = await apiRequest<Me>("/api/v1/auth/login", {
        method: "POST",
        json: { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") },
      });
      queryClient.setQueryData(ME_QUERY_KEY, data);
      void navigate(next, { replace: true });
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError
          ? t(caught.localized)
          : t({ vi: "Không đăng nhập được.", en: "Could not sign in." }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="content">
      <section className="panel login" aria-labelledby="login-title">
        <h2 id="login-title">{t({ vi: "Đăng nhập", en: "Sign in" })}</h2>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="login-email">{t({ vi: "Thư điện tử", en: "E-mail" })}</label>
            <input id="login-email" name="email" type="email" autoComplete="username" required />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t({ vi: "Mật khẩu", en: "Password" })}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t({ vi: "Đang đăng nhập…", en: "Signing in…" }) : t({ vi: "Đăng nhập", en: "Sign in" })}
          </button>
        </form>
      </section>
      <StatusPanel />
    </main>
  );
}
