// An error as the reader sees it: the API's own message in their language, and a way to try again.
import { ApiRequestError } from "../lib/api";
import { useLocale } from "../lib/locale";

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useLocale();
  const message =
    error instanceof ApiRequestError
      ? t(error.localized)
      : t({ vi: "Đã có lỗi không lường trước.", en: "Something unexpected went wrong." });
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t({ vi: "Thử lại", en: "Try again" })}
        </button>
      )}
    </div>
  );
}
