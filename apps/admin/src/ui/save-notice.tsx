// What became of a save, under the form that sent it: saved, refused, or stale (someone else changed
// the record since it was read), the last with a button that reloads it and keeps what was typed.
import type { LocalizedText } from "@sodoan/domain";
import { useLocale } from "../lib/locale";

export type SaveOutcome = {
  kind: "saved" | "stale" | "error";
  text: LocalizedText;
  /** For a stale save: the fields someone else changed meanwhile, when the form can tell. */
  changed?: LocalizedText[];
};

export function SaveNotice({
  notice,
  onReload,
}: {
  notice: SaveOutcome | null;
  /** Reads the record again; the notice goes once it has. Without it, a stale save offers no reload. */
  onReload?: (() => Promise<unknown>) | undefined;
}) {
  const { t } = useLocale();
  if (notice === null) return null;
  if (notice.kind === "saved") {
    return (
      <p className="notice notice-good" role="status">
        {t(notice.text)}
      </p>
    );
  }
  if (notice.kind === "error") {
    return (
      <p className="notice notice-error" role="alert">
        {t(notice.text)}
      </p>
    );
  }
  return (
    <div className="notice notice-error" role="alert" data-testid="conflict">
      <p>{t(notice.text)}</p>
      {notice.changed !== undefined && notice.changed.length > 0 && (
        <p data-testid="conflict-fields">
          {t({ vi: "Đã bị đổi: ", en: "Changed meanwhile: " })}
          {notice.changed.map((label) => t(label)).join(", ")}
        </p>
      )}
      {onReload && (
        <button type="button" onClick={() => void onReload()}>
          {t({ vi: "Tải lại bản mới nhất", en: "Reload the latest version" })}
        </button>
      )}
    </div>
  );
}
