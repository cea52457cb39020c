// One conference record, new or kept: organiser, kind, dates and place, chairs and speakers with
// their titles, attendees, documents reviewed, topics, figures pulled from the metrics, conclusions
// and directives; checked with the domain's schema, saved with If-Match so that no edit is lost, and
// the follow-up of the organiser's earlier directives.
import {
  CONFERENCE_KIND_LABELS,
  type Conference,
  ConferenceCreateSchema,
  type ConferenceKind,
  type LocalizedText,
  SESSION_LABELS,
  type Session,
} from "@sodoan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";
import { ApiRequestError, apiRequest } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import type { FieldLabels } from "../lib/changed-fields";
import {
  type ConferenceFormValues,
  type ConferencePicks,
  conferenceFormOf,
  conferenceInputOf,
  conferenceUpdateOf,
  EMPTY_CONFERENCE,
} from "../lib/conference-form";
import { isCalendarDate, toIsoDate } from "../lib/dates";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { AuditHistory } from "../ui/audit-history";
import {
  AttendeeList,
  DirectiveList,
  NamedAttendeeGroups,
  ParticipantList,
  TextList,
} from "../ui/conference-lists";
import { ErrorNotice } from "../ui/error-notice";
import { FieldError } from "../ui/field-error";
import { useOrganizations } from "../ui/organization-select";
import { MARKED_FIELDS, SaveNotice, type SaveOutcome, staleSaveOutcome } from "../ui/save-notice";
import { TextField } from "../ui/text-field";
import { ConferenceDocuments } from "./conference-documents";
import { ConferenceFigures } from "./conference-figures";
import { ConferenceFollowUp } from "./conference-follow-up";

const STALE: LocalizedText = {
  vi: "Hồ sơ hội nghị này vừa được người khác thay đổi. Hãy tải lại bản mới nhất: những gì bạn đang nhập được giữ nguyên.",
  en: "Someone else has just changed this conference record. Reload the latest version: what you typed is kept.",
};

/** The record's fields by their path in the form and its picks: a conflict's list names them. */
const CONFERENCE_FIELD_LABELS: FieldLabels<keyof ConferenceFormValues | keyof ConferencePicks> = {
  organizerId: { vi: "Tổ chức chủ trì", en: "Organiser" },
  kind: { vi: "Loại hội nghị", en: "Kind" },
  title: { vi: "Tên hội nghị", en: "Title" },
  startDate: { vi: "Ngày bắt đầu", en: "Start date" },
  endDate: { vi: "Ngày kết thúc", en: "End date" },
  session: { vi: "Buổi", en: "Session" },
  place: { vi: "Địa điểm", en: "Place" },
  reviewFrom: { vi: "Kỳ báo cáo từ ngày", en: "Period under review from" },
  reviewTo: { vi: "Kỳ báo cáo đến ngày", en: "Period under review to" },
  chairs: { vi: "Chủ trì", en: "Chairs" },
  speakers: { vi: "Phát biểu", en: "Speakers" },
  attendees: { vi: "Thành phần tham dự", en: "Attendees" },
  namedGroups: { vi: "Đại biểu có tên", en: "Named attendees" },
  documentsReviewed: { vi: "Văn bản được xem xét", en: "Documents reviewed" },
  topics: { vi: "Nội dung thảo luận", en: "Topics" },
  figures: { vi: "Số liệu báo cáo", en: "Figures reported" },
  conclusions: { vi: "Kết luận", en: "Conclusions" },
  directives: { vi: "Chỉ đạo", en: "Directives" },
};

/** A record as the form holds it: its typed values and its picks side by side, as the labels name them. */
function formValuesOf(conference: Conference) {
  const { values, picks } = conferenceFormOf(conference);
  return { ...values, ...picks };
}

function useConference(id: string | undefined) {
  return useQuery({
    queryKey: ["conferences", "detail", id],
    queryFn: ({ signal }) =>
      apiRequest<Conference>(`/api/v1/conferences/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: id !== undefined,
  });
}

export function ConferenceEditPage() {
  const { id } = useParams();
  const { t } = useLocale();
  const conference = useConference(id);
  if (id !== undefined && conference.isPending)
    return <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>;
  if (conference.isError)
    return <ErrorNotice error={conference.error} onRetry={() => void conference.refetch()} />;
  const saved = conference.data?.data;
  return (
    <section aria-labelledby="conference-title">
      <p>
        <Link to={paths.conferences}>{t({ vi: "← Danh sách hội nghị", en: "← Conference list" })}</Link>
      </p>
      <h2 id="conference-title">
        {saved ? saved.title : t({ vi: "Ghi hội nghị mới", en: "Record a conference" })}
      </h2>
      <ConferenceForm key={id ?? "new"} saved={saved} />
    </section>
  );
}

function ConferenceForm({ saved }: { saved: Conference | undefined }) {
  const { t, locale } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const conference = useConference(saved?.id);
  const canWrite = hasPermission(me.data, "content.write");
  // The form starts from the record as first loaded; a reload after a conflict refreshes the ETag and
  // the typed fields left alone, never what the person has typed or picked.
  const [initial] = useState(() =>
    saved
      ? conferenceFormOf(saved)
      : {
          values: { ...EMPTY_CONFERENCE, organizerId: me.data?.scope?.organizationId ?? "" },
          picks: { documentsReviewed: [], figures: [] } satisfies ConferencePicks,
        },
  );
  const [picks, setPicks] = useState<ConferencePicks>(initial.picks);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<SaveOutcome | null>(null);
  const { register, handleSubmit, control, formState, reset, setValue } = useForm<ConferenceFormValues>({
    defaultValues: initial.values,
  });
  const [organizerId, startDate, reviewFrom, reviewTo] = useWatch({
    control,
    name: ["organizerId", "startDate", "reviewFrom", "reviewTo"],
  });
  const startIso = toIsoDate(startDate);
  // The organisations as they stood on the conference's day: a bloc dissolved since still organised it.
  const organizations = useOrganizations(
    isCalendarDate(startIso) ? startIso : new Date().toISOString().slice(0, 10),
  );
  const nameOf = (id: string) => organizations.data?.items.find((item) => item.id === id)?.name ?? id;
  const review =
    isCalendarDate(toIsoDate(reviewFrom)) && isCalendarDate(toIsoDate(reviewTo))
      ? { from: toIsoDate(reviewFrom), to: toIsoDate(reviewTo) }
      : undefined;

  const submit = handleSubmit(async (values) => {
    setNotice(null);
    const parsed = ConferenceCreateSchema.safeParse(conferenceInputOf(values, picks));
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      setNotice(MARKED_FIELDS);
      return;
    }
    setErrors({});
    try {
      if (saved === undefined) {
        const created = await apiRequest<Conference>("/api/v1/conferences", {
          method: "POST",
          json: parsed.data,
        });
        queryClient.setQueryData(["conferences", "detail", created.data.id], created);
        void queryClient.invalidateQueries({ queryKey: ["conferences", "list"] });
        void navigate(paths.conference(created.data.id), { replace: true });
        return;
      }
      const updated = await apiRequest<Conference>(`/api/v1/conferences/${encodeURIComponent(saved.id)}`, {
        method: "PATCH",
        json: conferenceUpdateOf(parsed.data),
        ifMatch: conference.data?.etag ?? "",
      });
      queryClient.setQueryData(["conferences", "detail", saved.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["conferences", "list"] });
      setNotice({ kind: "saved", text: { vi: "Đã lưu.", en: "Saved." } });
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412 && saved !== undefined)
        setNotice(
          await staleSaveOutcome({
            text: STALE,
            url: `/api/v1/conferences/${encodeURIComponent(saved.id)}`,
            read: conference.data?.data,
            valuesOf: formValuesOf,
            labels: CONFERENCE_FIELD_LABELS,
          }),
        );
      else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice({ kind: "error", text: caught.localized });
      } else setNotice({ kind: "error", text: { vi: "Không lưu được.", en: "Could not save." } });
    }
  });

  const organizationOptions = (
    <>
      <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
      {organizerId !== "" && !organizations.data?.items.some((item) => item.id === organizerId) && (
        <option value={organizerId}>{organizerId}</option>
      )}
      {organizations.data?.items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );

  return (
    <>
      <form onSubmit={submit} noValidate aria-label={t({ vi: "Hồ sơ hội nghị", en: "Conference record" })}>
        <fieldset disabled={!canWrite} className="plain">
          <fieldset className="panel">
            <legend>{t({ vi: "Thông tin chung", en: "General" })}</legend>
            <div className="field">
              <label htmlFor="conference-organizerId">{t(CONFERENCE_FIELD_LABELS.organizerId)}</label>
              <select
                id="conference-organizerId"
                {...register("organizerId")}
                aria-invalid={errors.organizerId ? true : undefined}
              >
                {organizationOptions}
              </select>
              <FieldError error={errors.organizerId} />
            </div>
            <div className="field">
              <label htmlFor="conference-kind">{t(CONFERENCE_FIELD_LABELS.kind)}</label>
              <select id="conference-kind" {...register("kind")}>
                {(Object.keys(CONFERENCE_KIND_LABELS) as ConferenceKind[]).map((kind) => (
                  <option key={kind} value={kind}>
                    {t(CONFERENCE_KIND_LABELS[kind])}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="conference-title-input"
              label={t(CONFERENCE_FIELD_LABELS.title)}
              registration={register("title")}
              error={errors.title}
            />
            <TextField
              id="conference-startDate"
              label={t({ vi: "Ngày bắt đầu (dd/mm/yyyy)", en: "Start date (dd/mm/yyyy)" })}
              registration={register("startDate")}
              error={errors.startDate}
              inputMode="numeric"
            />
            <TextField
              id="conference-endDate"
              label={t({ vi: "Ngày kết thúc (dd/mm/yyyy)", en: "End date (dd/mm/yyyy)" })}
              hint={t({ vi: "Để trống nếu họp trong một ngày.", en: "Leave empty for a one-day meeting." })}
              registration={register("endDate")}
              error={errors.endDate}
              inputMode="numeric"
            />
            <div className="field">
              <label htmlFor="conference-session">{t(CONFERENCE_FIELD_LABELS.session)}</label>
              <select
                id="conference-session"
                {...register("session")}
                aria-invalid={errors.session ? true : undefined}
              >
                <option value="">—</option>
                {(Object.keys(SESSION_LABELS) as Session[]).map((session) => (
                  <option key={session} value={session}>
                    {t(SESSION_LABELS[session])}
                  </option>
                ))}
              </select>
              <FieldError error={errors.session} />
            </div>
            <TextField
              id="conference-place"
              label={t(CONFERENCE_FIELD_LABELS.place)}
              registration={register("place")}
              error={errors.place}
            />
            <TextField
              id="conference-reviewFrom"
              label={t({
                vi: "Kỳ báo cáo từ ngày (dd/mm/yyyy)",
                en: "Period under review from (dd/mm/yyyy)",
              })}
              registration={register("reviewFrom")}
              error={errors["periodUnderReview.from"] ?? errors.periodUnderReview}
              inputMode="numeric"
            />
            <TextField
              id="conference-reviewTo"
              label={t({ vi: "đến ngày (dd/mm/yyyy)", en: "to (dd/mm/yyyy)" })}
              registration={register("reviewTo")}
              error={errors["periodUnderReview.to"]}
              inputMode="numeric"
            />
          </fieldset>

          <ParticipantList
            name="chairs"
            legend={t({ vi: "Chủ trì", en: "Chairs" })}
            control={control}
            register={register}
            setValue={setValue}
            errors={errors}
          />
          <ParticipantList
            name="speakers"
            legend={t({ vi: "Phát biểu", en: "Speakers" })}
            control={control}
            register={register}
            setValue={setValue}
            errors={errors}
          />
          <AttendeeList control={control} register={register} errors={errors} />
          <NamedAttendeeGroups control={control} register={register} setValue={setValue} errors={errors} />

          <ConferenceDocuments
            documents={picks.documentsReviewed}
            onChange={(documentsReviewed) => setPicks((current) => ({ ...current, documentsReviewed }))}
            disabled={!canWrite}
          />
          <TextList
            name="topics"
            legend={t({ vi: "Nội dung thảo luận", en: "Topics" })}
            itemLabel={t({ vi: "Nội dung", en: "Topic" })}
            control={control}
            register={register}
            errors={errors}
          />
          <ConferenceFigures
            figures={picks.figures}
            onChange={(figures) => setPicks((current) => ({ ...current, figures }))}
            organizerId={organizerId}
            date={startIso}
            review={review}
            disabled={!canWrite}
          />
          <TextList
            name="conclusions"
            legend={t({ vi: "Kết luận", en: "Conclusions" })}
            itemLabel={t({ vi: "Kết luận", en: "Conclusion" })}
            control={control}
            register={register}
            errors={errors}
          />
          <DirectiveList
            control={control}
            register={register}
            errors={errors}
            organizationOptions={organizationOptions}
            nameOf={nameOf}
          />

          <SaveNotice
            notice={notice}
            onReload={async () => {
              const latest = await conference.refetch();
              if (latest.data) reset(conferenceFormOf(latest.data.data).values, { keepDirtyValues: true });
              setNotice(null);
            }}
          />
          {canWrite && (
            <button type="submit" className="primary" disabled={formState.isSubmitting}>
              {t({ vi: "Lưu hội nghị", en: "Save the conference" })}
            </button>
          )}
        </fieldset>
      </form>
      {saved && (
        <ConferenceFollowUp conference={conference.data?.data ?? saved} canWrite={canWrite} nameOf={nameOf} />
      )}
      {saved && hasPermission(me.data, "audit.read") && <AuditHistory entity="conference" id={saved.id} />}
    </>
  );
}
