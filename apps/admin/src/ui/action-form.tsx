// What every small action form shares: checking the input with the domain's schema, sending it, and
// putting either side's field errors on their fields and the outcome in one notice.
import type { LocalizedText } from "@sodoan/domain";
import { useState } from "react";
import type { z } from "zod";
import { ApiRequestError } from "../lib/api";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";

export type FormNotice = { kind: "saved" | "error"; text: LocalizedText } | null;

const STALE: LocalizedText = {
  vi: "Hồ sơ vừa được người khác thay đổi. Trang đã tải lại bản mới nhất: hãy kiểm tra rồi gửi lại.",
  en: "Someone else has just changed the record. The page has reloaded it: check, then send again.",
};

/**
 * The state of one action form. `run` checks `input` against `schema` (field errors stay in the
 * form when it fails), then hands the parsed value to `send`, whose answer is the success notice.
 */
export function useActionForm() {
  const { locale } = useLocale();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<FormNotice>(null);

  async function run<T>(
    schema: z.ZodType<T>,
    input: unknown,
    send: (value: T) => Promise<LocalizedText>,
    onStale?: () => Promise<unknown>,
  ): Promise<boolean> {
    setNotice(null);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      return false;
    }
    setErrors({});
    try {
      setNotice({ kind: "saved", text: await send(parsed.data) });
      return true;
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412) {
        await onStale?.();
        setNotice({ kind: "error", text: STALE });
      } else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice({ kind: "error", text: caught.localized });
      } else setNotice({ kind: "error", text: { vi: "Không ghi được.", en: "Could not save." } });
      return false;
    }
  }

  return { errors, notice, run, setNotice };
}

/** The outcome of an action form, read out by screen readers when it appears. */
export function ActionNotice({ notice }: { notice: FormNotice }) {
  const { t } = useLocale();
  if (notice === null) return null;
  return (
    <p
      className={`notice ${notice.kind === "saved" ? "notice-good" : "notice-error"}`}
      role={notice.kind === "saved" ? "status" : "alert"}
    >
      {t(notice.text)}
    </p>
  );
}
