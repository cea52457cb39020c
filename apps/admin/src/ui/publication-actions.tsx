// The moves of an article between stages that its status allows: publish now, schedule for a moment
// typed in Vietnam time, withdraw. Each is sent with the ETag of the version on screen.
import { type ArticleStatus, canTransitionArticle, type LocalizedText } from "@sodoan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiRequestError, apiRequest } from "../lib/api";
import { type ArticleRecord, articleQueryKey, toInstantFromVietnam } from "../lib/article-input";
import { type FieldErrors, fieldErrorsOfApi } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { FieldError } from "./field-error";

const STALE: LocalizedText = {
  vi: "Bài này vừa được người khác thay đổi; trang đã tải bản mới nhất. Hãy xem lại rồi thử lại.",
  en: "Someone else has just changed this article; the page now shows the latest version. Check it and try again.",
};

type Action = "publish" | "schedule" | "withdraw";

export function PublicationActions({
  id,
  status,
  etag,
  dirty,
}: {
  id: string;
  status: ArticleStatus;
  etag: string;
  /** Unsaved changes in the editor: what would go out is not what is on screen. */
  dirty: boolean;
}) {
  const { t, locale } = useLocale();
  const queryClient = useQueryClient();
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [busy, setBusy] = useState<Action | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ kind: "good" | "error"; text: LocalizedText } | null>(null);

  const canPublish = canTransitionArticle(status, "published");
  const canSchedule = canTransitionArticle(status, "scheduled");
  const canWithdraw = canTransitionArticle(status, "withdrawn");
  if (!canPublish && !canSchedule && !canWithdraw) return null;

  async function act(action: Action, done: LocalizedText) {
    setNotice(null);
    setErrors({});
    let json: { publishAt: string } | undefined;
    if (action === "schedule") {
      const publishAt = toInstantFromVietnam(date, time);
      if (publishAt === undefined) {
        setErrors({
          publishAt: t({
            vi: "Nhập ngày dd/mm/yyyy và giờ hh:mm (giờ Việt Nam).",
            en: "Type a date as dd/mm/yyyy and a time as hh:mm (Vietnam time).",
          }),
        });
        return;
      }
      json = { publishAt };
    }
    setBusy(action);
    try {
      const moved = await apiRequest<ArticleRecord>(`/api/v1/articles/${encodeURIComponent(id)}/${action}`, {
        method: "POST",
        ifMatch: etag,
        ...(json === undefined ? {} : { json }),
      });
      queryClient.setQueryData(articleQueryKey(id), moved);
      void queryClient.invalidateQueries({ queryKey: ["articles"] });
      setNotice({ kind: "good", text: done });
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412) {
        await queryClient.invalidateQueries({ queryKey: articleQueryKey(id) });
        setNotice({ kind: "error", text: STALE });
      } else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice({ kind: "error", text: caught.localized });
      } else setNotice({ kind: "error", text: { vi: "Không thực hiện được.", en: "It could not be done." } });
    } finally {
      setBusy(null);
    }
  }

  const disabled = dirty || busy !== null;
  return (
    <section className="panel publication" aria-labelledby="publication-title">
      <h3 id="publication-title">{t({ vi: "Đăng bài", en: "Publication" })}</h3>
      {dirty && (
        <p className="hint">
          {t({
            vi: "Bài có thay đổi chưa lưu: hãy lưu trước khi đăng, hẹn giờ hay gỡ bài.",
            en: "The article has unsaved changes: save them before publishing, scheduling or withdrawing.",
          })}
        </p>
      )}
      <div className="toolbar">
        {canPublish && (
          <button
            type="button"
            className="primary"
            disabled={disabled}
            onClick={() => void act("publish", { vi: "Đã đăng bài.", en: "The article is published." })}
          >
            {t({ vi: "Đăng ngay", en: "Publish now" })}
          </button>
        )}
        {canWithdraw && (
          <button
            type="button"
            disabled={disabled}
            onClick={() => void act("withdraw", { vi: "Đã gỡ bài.", en: "The article is withdrawn." })}
          >
            {t({ vi: "Gỡ bài", en: "Withdraw" })}
          </button>
        )}
      </div>
      {canSchedule && (
        <form
          className="toolbar"
          aria-label={t({ vi: "Hẹn giờ đăng", en: "Schedule" })}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void act("schedule", { vi: "Đã hẹn giờ đăng.", en: "The article is scheduled." });
          }}
        >
          <div className="field">
            <label htmlFor="publish-date">
              {t({ vi: "Ngày đăng (dd/mm/yyyy)", en: "Date (dd/mm/yyyy)" })}
            </label>
            <input
              id="publish-date"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              size={12}
              value={date}
              onChange={(event) => setDate(event.target.value)}
              aria-invalid={errors.publishAt ? true : undefined}
              aria-describedby={errors.publishAt ? "publish-at-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="publish-time">{t({ vi: "Giờ (GMT+7)", en: "Time (GMT+7)" })}</label>
            <input
              id="publish-time"
              type="time"
              value={time}
              onChange={(event) => setTime(event.target.value)}
              aria-invalid={errors.publishAt ? true : undefined}
              aria-describedby={errors.publishAt ? "publish-at-error" : undefined}
            />
          </div>
          <button type="submit" disabled={disabled}>
            {t({ vi: "Hẹn giờ đăng", en: "Schedule" })}
          </button>
          <FieldError id="publish-at-error" error={errors.publishAt} />
        </form>
      )}
      <FieldError error={errors.body} />
      {notice && (
        <p className={`notice ${notice.kind === "good" ? "notice-good" : "notice-error"}`} role="status">
          {t(notice.text)}
        </p>
      )}
    </section>
  );
}
