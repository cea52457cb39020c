// Changing one's password; forced while the password is a temporary one an administrator issued.
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiRequestError, apiRequest } from "../lib/api";
import { ME_QUERY_KEY } from "../lib/auth";
import { useLocale } from "../lib/locale";
import { FieldError } from "../ui/field-error";

type Field = "currentPassword" | "newPassword" | "confirm";

export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirm") ?? "")) {
      setErrors({ confirm: t({ vi: "Hai mật khẩu mới không khớp", en: "The two new passwords differ" }) });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await apiRequest("/api/v1/auth/password", { method: "POST", json: { currentPassword, newPassword } });
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    } catch (caught) {
      if (caught instanceof ApiRequestError) {
        const next: Partial<Record<Field | "form", string>> = {};
        for (const issue of caught.issues) {
          const field = issue.path[0];
          if (field === "currentPassword" || field === "newPassword") next[field] = t(issue.message);
        }
        if (Object.keys(next).length === 0) next.form = t(caught.localized);
        setErrors(next);
      } else setErrors({ form: t({ vi: "Không đổi được mật khẩu.", en: "Could not change the password." }) });
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, label: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`password-${name}`}>{label}</label>
      <input
        id={`password-${name}`}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `password-${name}-error` : undefined}
      />
      <FieldError id={`password-${name}-error`} error={errors[name]} />
    </div>
  );

  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t({ vi: "Đổi mật khẩu", en: "Change password" })}</h2>
      {forced && (
        <p className="notice" role="status">
          {t({
            vi: "Bạn đang dùng mật khẩu tạm. Hãy đặt mật khẩu mới trước khi tiếp tục.",
            en: "You are using a temporary password. Choose a new one before going on.",
          })}
        </p>
      )}
      {done && !forced && (
        <p className="notice notice-good" role="status">
          {t({ vi: "Đã đổi mật khẩu.", en: "The password is changed." })}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        {field("currentPassword", t({ vi: "Mật khẩu hiện tại", en: "Current password" }), "current-password")}
        {field("newPassword", t({ vi: "Mật khẩu mới", en: "New password" }), "new-password")}
        {field("confirm", t({ vi: "Nhập lại mật khẩu mới", en: "New password again" }), "new-password")}
        {errors.form && (
          <p className="notice notice-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t({ vi: "Đổi mật khẩu", en: "Change password" })}
        </button>
      </form>
    </section>
  );
}
