// What became of a save, under the form that sent it: saved (with an offer to undo it, when the form
// can), refused, or stale (someone else changed the record since it was read), the last with a
// button that reloads it and keeps what was typed.
import type { LocalizedText } from "@sodoan/domain";
import { useState } from "react";
import { apiRequest } from "../lib/api";
import { changedFields, type FieldLabels } from "../lib/changed-fields";
import { useLocale } from "../lib/locale";

export type SaveOutcome = {
  kind: "saved" | "stale" | "error";
  text: LocalizedText;
  /** For a stale save: the fields someone else changed meanwhile, when the form can tell. */
  changed?: LocalizedText[];
};

/** A form refused field by field (by the domain's schema or the API): each field says what is wrong. */
export const MARKED_FIELDS: SaveOutcome = {
  kind: "error",
  text: { vi: "Vui lòng sửa các ô được đánh dấu.", en: "Please correct the marked fields." },
};

/**
 * The notice of a stale save (412), naming the fields someone else changed: the record as the form
 * read it against the one on the server now. The latest is read apart from the page's copy, so that
 * only "reload" takes it and nothing typed is replaced; when it cannot be read, no field is named.
 */
export async function staleSaveOutcome<R>({
  text,
  url,
  read,
  valuesOf,
  labels,
}: {
  text: LocalizedText;
  /** Where the record is read (`/api/v1/articles/{id}`). */
  url: string;
  /** The record whose ETag the refused save sent. */
  read: R | undefined;
  /** A record as the form's values, the shape the labels' paths address. */
  valuesOf: (record: R) => unknown;
  labels: FieldLabels;
}): Promise<SaveOutcome> {
  const latest = await apiRequest<R>(url).then(
    (answer) => answer.data,
    () => undefined,
  );
  const changed =
    read === undefined || latest === undefined ? [] : changedFields(labels, valuesOf(read), valuesOf(latest));
  return { kind: "stale", text, changed: changed.map((field) => field.label) };
}

/**
 * The undo offered beside a saved notice: a real button, kept from a second press while the undo
 * runs, so that one change is never undone twice.
 */
function UndoButton({ onUndo }: { onUndo: () => Promise<unknown> }) {
  const { t } = useLocale();
  const [isUndoing, setUndoing] = useState(false);
  return (
    <button
      type="button"
      disabled={isUndoing}
      onClick={async () => {
        setUndoing(true);
        try {
          await onUndo();
        } finally {
          setUndoing(false);
        }
      }}
    >
      {t({ vi: "Hoàn tác", en: "Undo" })}
    </button>
  );
}

export function SaveNotice({
  notice,
  onReload,
  onUndo,
}: {
  notice: SaveOutcome | null;
  /** Reads the record again; the notice goes once it has. Without it, a stale save offers no reload. */
  onReload?: (() => Promise<unknown>) | undefined;
  /**
   * Undoes the change just saved, itself as a recorded change; the form then sets the next notice.
   * Offered only beside a saved notice, and only while the form passes it: until the next change.
   */
  onUndo?: (() => Promise<unknown>) | undefined;
}) {
  const { t } = useLocale();
  if (notice === null) return null;
  if (notice.kind === "saved") {
    // Polite: the offer is read out after what the reader is doing, never in the middle of it.
    return (
      <p className="notice notice-good" role="status" aria-live="polite">
        {t(notice.text)}
        {onUndo && (
          <>
            {" "}
            <UndoButton onUndo={onUndo} />
          </>
        )}
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
