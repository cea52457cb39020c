// The correction (đính chính) of one event of a member's timeline: its own fields, prefilled with
// what it says now, and the reason; recorded as a `corrected` event that puts the new body in place.
import { type LocalizedText, MemberEventInputSchema } from "@sodoan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ApiRequestError, apiRequest } from "../lib/api";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import {
  type CorrectionFormValues,
  correctableFieldsOf,
  correctionErrorsOf,
  correctionInputOf,
  correctionValuesOf,
  type TimelineEvent,
} from "../lib/member-corrections";
import { EVENT_LABELS } from "../lib/member-labels";
import { EventFields } from "../ui/event-fields";
import { TextField } from "../ui/text-field";

const STALE: LocalizedText = {
  vi: "Hồ sơ này vừa được người khác thay đổi. Trang đã tải lại bản mới nhất: hãy kiểm tra rồi gửi lại.",
  en: "Someone else has just changed this record. The page has reloaded it: check, then send again.",
};

export function CorrectionForm({
  memberId,
  event,
  etag,
  organizations,
  onStale,
  onClose,
}: {
  memberId: string;
  event: TimelineEvent;
  /** The member's ETag as last read: a correction changes the member's record. */
  etag: string;
  organizations: readonly { id: string; name: string }[];
  onStale: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<LocalizedText | null>(null);
  const { register, handleSubmit, formState } = useForm<CorrectionFormValues>({
    defaultValues: correctionValuesOf(event),
  });
  const label = t(EVENT_LABELS[event.type] ?? { vi: event.type, en: event.type });

  const submit = handleSubmit(async (values) => {
    setNotice(null);
    const parsed = MemberEventInputSchema.safeParse(correctionInputOf(event, values));
    if (!parsed.success) {
      setErrors(correctionErrorsOf(fieldErrorsOfZod(parsed.error, locale)));
      return;
    }
    setErrors({});
    try {
      await apiRequest(`/api/v1/members/${encodeURIComponent(memberId)}/events`, {
        method: "POST",
        json: parsed.data,
        ifMatch: etag,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["members", "detail", memberId] }),
        queryClient.invalidateQueries({ queryKey: ["members", "timeline", memberId] }),
        queryClient.invalidateQueries({ queryKey: ["audit", "member", memberId] }),
      ]);
      onClose();
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412) {
        await onStale();
        setNotice(STALE);
      } else if (caught instanceof ApiRequestError) {
        setErrors(correctionErrorsOf(fieldErrorsOfApi(caught.issues, locale)));
        setNotice(caught.localized);
      } else setNotice({ vi: "Không ghi được.", en: "Could not record." });
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      className="panel"
      aria-label={t({ vi: `Đính chính: ${label}`, en: `Correct: ${label}` })}
      data-testid="correction-form"
    >
      <TextField
        id="correction-effectiveDate"
        label={t({ vi: "Ngày hiệu lực (dd/mm/yyyy)", en: "Effective date (dd/mm/yyyy)" })}
        registration={register("effectiveDate")}
        error={errors.effectiveDate}
        inputMode="numeric"
      />
      <EventFields
        fields={correctableFieldsOf(event.type)}
        register={register}
        errors={errors}
        organizations={organizations}
        idPrefix="correction"
      />
      <TextField
        id="correction-reason"
        label={t({ vi: "Lý do đính chính", en: "Reason for the correction" })}
        registration={register("correctionReason")}
        error={errors.correctionReason}
      />
      {notice && (
        <p className="notice notice-error" role="alert">
          {t(notice)}
        </p>
      )}
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t({ vi: "Ghi đính chính", en: "Record the correction" })}
      </button>{" "}
      <button type="button" onClick={onClose}>
        {t({ vi: "Hủy", en: "Cancel" })}
      </button>
    </form>
  );
}
