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
import { type ReactNode, useState } from "react";
import {
  type Control,
  type FieldPath,
  type UseFormRegister,
  useFieldArray,
  useForm,
  useWatch,
} from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";
import { ApiRequestError, apiRequest } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import type { FieldLabels } from "../lib/changed-fields";
import {
  type ConferenceFormValues,
  type ConferencePicks,
  conferenceFormOf,
  conferenceInputOf,
  EMPTY_CONFERENCE,
} from "../lib/conference-form";
import { isCalendarDate, toIsoDate } from "../lib/dates";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { AuditHistory } from "../ui/audit-history";
import { ErrorNotice } from "../ui/error-notice";
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
  namedAttendees: { vi: "Đại biểu có tên", en: "Named attendees" },
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
          picks: { documentsReviewed: [], figures: [], namedAttendees: [] } satisfies ConferencePicks,
        },
  );
  const [picks, setPicks] = useState<ConferencePicks>(initial.picks);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<SaveOutcome | null>(null);
  const { register, handleSubmit, control, formState, reset } = useForm<ConferenceFormValues>({
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
        json: parsed.data,
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
              {errors.organizerId && <p className="field-error">{errors.organizerId}</p>}
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
              {errors.session && <p className="field-error">{errors.session}</p>}
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
            errors={errors}
          />
          <ParticipantList
            name="speakers"
            legend={t({ vi: "Phát biểu", en: "Speakers" })}
            control={control}
            register={register}
            errors={errors}
          />
          <AttendeeList control={control} register={register} errors={errors} />
          {picks.namedAttendees.length > 0 && (
            <p className="hint">
              {t({
                vi: "Danh sách đại biểu có tên được giữ nguyên:",
                en: "Named attendees are kept as recorded:",
              })}{" "}
              {picks.namedAttendees
                .flatMap((group) =>
                  group.kind === "people" ? group.people.map((p) => p.person.fullName) : [],
                )
                .join(", ")}
            </p>
          )}

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

type ListProps = {
  control: Control<ConferenceFormValues>;
  register: UseFormRegister<ConferenceFormValues>;
  errors: FieldErrors;
};

function ParticipantList({
  name,
  legend,
  control,
  register,
  errors,
}: ListProps & { name: "chairs" | "speakers"; legend: string }) {
  const { t } = useLocale();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <fieldset className="panel" data-testid={`conference-${name}`}>
      <legend>{legend}</legend>
      {fields.map((field, index) => (
        <div className="row" key={field.id}>
          <TextField
            id={`${name}-${index}-fullName`}
            label={t({ vi: "Họ và tên", en: "Full name" })}
            registration={register(`${name}.${index}.fullName`)}
            error={errors[`${name}.${index}.person.fullName`]}
          />
          <TextField
            id={`${name}-${index}-title`}
            label={t({ vi: "Chức vụ", en: "Title" })}
            registration={register(`${name}.${index}.title`)}
            error={errors[`${name}.${index}.title`]}
          />
          <TextField
            id={`${name}-${index}-organizationName`}
            label={t({ vi: "Đơn vị", en: "Organisation" })}
            registration={register(`${name}.${index}.organizationName`)}
            error={errors[`${name}.${index}.organizationName`]}
          />
          <button type="button" className="link-button" onClick={() => remove(index)}>
            {t({ vi: "Bỏ dòng này", en: "Remove this row" })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => append({ fullName: "", title: "", organizationName: "" })}>
        {t({ vi: "Thêm người", en: "Add a person" })} ({legend})
      </button>
    </fieldset>
  );
}

function AttendeeList({ control, register, errors }: ListProps) {
  const { t } = useLocale();
  const { fields, append, remove } = useFieldArray({ control, name: "attendees" });
  return (
    <fieldset className="panel" data-testid="conference-attendees">
      <legend>{t({ vi: "Thành phần tham dự", en: "Attendees" })}</legend>
      {fields.map((field, index) => (
        <div className="row" key={field.id}>
          <TextField
            id={`attendees-${index}-description`}
            label={t({ vi: "Thành phần", en: "Group" })}
            registration={register(`attendees.${index}.description`)}
            error={errors[`attendees.${index}.description`]}
          />
          <TextField
            id={`attendees-${index}-count`}
            label={t({ vi: "Số người", en: "How many" })}
            registration={register(`attendees.${index}.count`)}
            error={errors[`attendees.${index}.count`]}
            inputMode="numeric"
          />
          <button type="button" className="link-button" onClick={() => remove(index)}>
            {t({ vi: "Bỏ dòng này", en: "Remove this row" })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => append({ description: "", count: "" })}>
        {t({ vi: "Thêm thành phần", en: "Add a group" })}
      </button>
    </fieldset>
  );
}

function TextList({
  name,
  legend,
  itemLabel,
  control,
  register,
  errors,
}: ListProps & { name: "topics" | "conclusions"; legend: string; itemLabel: string }) {
  const { t } = useLocale();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <fieldset className="panel" data-testid={`conference-${name}`}>
      <legend>{legend}</legend>
      {fields.map((field, index) => (
        <div className="row" key={field.id}>
          <TextField
            id={`${name}-${index}`}
            label={`${itemLabel} ${index + 1}`}
            registration={register(`${name}.${index}.text` as FieldPath<ConferenceFormValues>)}
            error={errors[`${name}.${index}`]}
          />
          <button type="button" className="link-button" onClick={() => remove(index)}>
            {t({ vi: "Bỏ dòng này", en: "Remove this row" })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => append({ text: "" })}>
        {t({ vi: "Thêm", en: "Add" })} ({itemLabel.toLowerCase()})
      </button>
    </fieldset>
  );
}

function DirectiveList({
  control,
  register,
  errors,
  organizationOptions,
  nameOf,
}: ListProps & { organizationOptions: ReactNode; nameOf: (id: string) => string }) {
  const { t } = useLocale();
  const { fields, append, remove } = useFieldArray({ control, name: "directives" });
  return (
    <fieldset className="panel" data-testid="conference-directives">
      <legend>{t({ vi: "Chỉ đạo", en: "Directives" })}</legend>
      {errors.directives && <p className="field-error">{errors.directives}</p>}
      {fields.map((field, index) => (
        <div className="row" key={field.id} data-testid={`directive-row-${index}`}>
          <TextField
            id={`directives-${index}-text`}
            label={t({ vi: "Nội dung chỉ đạo", en: "Directive" })}
            registration={register(`directives.${index}.text`)}
            error={errors[`directives.${index}.text`]}
          />
          <div className="field">
            <label htmlFor={`directives-${index}-ownerId`}>
              {t({ vi: "Đơn vị thực hiện", en: "Owner" })}
            </label>
            <select id={`directives-${index}-ownerId`} {...register(`directives.${index}.ownerId`)}>
              {organizationOptions}
            </select>
            {errors[`directives.${index}.addressedTo`] && (
              <p className="field-error">{errors[`directives.${index}.addressedTo`]}</p>
            )}
          </div>
          <TextField
            id={`directives-${index}-dueDate`}
            label={t({ vi: "Hạn thực hiện (dd/mm/yyyy)", en: "Due date (dd/mm/yyyy)" })}
            registration={register(`directives.${index}.dueDate`)}
            error={errors[`directives.${index}.dueDate`]}
            inputMode="numeric"
          />
          {field.kept?.followedUpBy && (
            <p className="hint">
              <Link to={paths.conference(field.kept.followedUpBy.conferenceId)}>
                {t({ vi: "Đã được hội nghị sau theo dõi", en: "Followed up by a later conference" })}
              </Link>
              {field.kept.followedUpBy.note && `: ${field.kept.followedUpBy.note}`}
            </p>
          )}
          {field.kept?.addressedTo && field.kept.addressedTo.length > 1 && (
            <p className="hint">
              {t({ vi: "Cùng gửi:", en: "Also addressed to:" })}{" "}
              {field.kept.addressedTo.slice(1).map(nameOf).join(", ")}
            </p>
          )}
          <button type="button" className="link-button" onClick={() => remove(index)}>
            {t({ vi: "Bỏ chỉ đạo này", en: "Remove this directive" })}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => append({ id: crypto.randomUUID(), text: "", ownerId: "", dueDate: "" })}
      >
        {t({ vi: "Thêm chỉ đạo", en: "Add a directive" })}
      </button>
    </fieldset>
  );
}
