// One member: personal fields to edit (If-Match, so no update is lost), the lifecycle timeline with
// a form for new events, and the record's audit history.
import {
  type DisciplineForm,
  type LocalizedText,
  MemberEventInputSchema,
  MemberUpdateSchema,
} from "@sodoan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link, useParams } from "react-router";
import { ApiRequestError, type ApiResponse, apiGet, apiRequest } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import { toIsoDate, toTypedDate } from "../lib/dates";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import type { TimelineEvent } from "../lib/member-corrections";
import {
  DISCIPLINE_LABELS,
  EMPTY_EVENT_VALUES,
  EVENT_FORMS,
  type EventFormType,
  type EventFormValues,
  eventInputOf,
} from "../lib/member-events";
import { type PersonalFormValues, toPersonalUpdate } from "../lib/member-input";
import { EVENT_LABELS, GENDER_LABELS, STATUS_LABELS } from "../lib/member-labels";
import { type PersonalRecord, reversePatchOf, voidingCorrectionOf } from "../lib/member-undo";
import { paths } from "../paths";
import { AuditHistory } from "../ui/audit-history";
import { ErrorNotice } from "../ui/error-notice";
import { EventFields } from "../ui/event-fields";
import { FieldError } from "../ui/field-error";
import { useOrganizations } from "../ui/organization-select";
import { PERSONAL_FIELD_LABELS, PersonalFields } from "../ui/personal-fields";
import { SaveNotice, type SaveOutcome, staleSaveOutcome } from "../ui/save-notice";
import { TextField } from "../ui/text-field";
import { CorrectionForm } from "./member-correction";

type MemberDetail = {
  id: string;
  fullName: string;
  gender?: "male" | "female";
  birthDate?: string;
  cardNumber?: string;
  ethnicity?: string;
  religion?: string;
  education?: string;
  occupation?: string;
  contact?: { phone?: string; email?: string };
  placeOfResidence?: string;
  version: number;
  asOf: string;
  status: string;
  homeUnitId: string | null;
  admittedOn: string | null;
  state?: {
    pendingTransfer: { eventId: string; fromUnitId: string; toUnitId: string; since: string } | null;
  };
};

type Timeline = {
  events: { event: TimelineEvent; correctedBy: string[] }[];
  voided: { event: TimelineEvent; voidedBy: string }[];
  corrections: { id: string; reason: string }[];
};

const STALE: LocalizedText = {
  vi: "Hồ sơ này vừa được người khác thay đổi. Hãy tải lại bản mới nhất: những gì bạn đang nhập được giữ nguyên.",
  en: "Someone else has just changed this record. Reload the latest version: what you typed is kept.",
};

/**
 * What an undo offered on this page needs: the member's ETag right after the change, and what
 * undoes it. Every change to a member moves its ETag, so the offer lasts until the next change on
 * the page (or one the page has read from someone else), and leaving the page ends it.
 */
type UndoOffer<T> = { etag: string | null; payload: T };

function isOffered<T>(offer: UndoOffer<T> | null, etag: string | null | undefined): offer is UndoOffer<T> {
  return offer !== null && offer.etag !== null && offer.etag === etag;
}

function useMember(id: string) {
  return useQuery({
    queryKey: ["members", "detail", id],
    queryFn: ({ signal }) =>
      apiRequest<MemberDetail>(`/api/v1/members/${encodeURIComponent(id)}`, { signal }),
  });
}

export function MemberDetailPage() {
  const { id = "" } = useParams();
  const { t } = useLocale();
  const me = useMe();
  const member = useMember(id);

  if (member.isPending) return <p role="status">{t({ vi: "Đang tải…", en: "Loading…" })}</p>;
  if (member.isError) return <ErrorNotice error={member.error} onRetry={() => void member.refetch()} />;
  const canWrite = hasPermission(me.data, "members.write");
  return (
    <section aria-labelledby="member-title">
      <p>
        <Link to={paths.members}>{t({ vi: "← Danh sách đoàn viên", en: "← Member list" })}</Link>
      </p>
      <h2 id="member-title">{member.data.data.fullName}</h2>
      <Summary member={member.data.data} />
      {canWrite && <PendingTransfer id={id} member={member.data.data} />}
      {canWrite && <EditForm key={id} id={id} initial={member.data.data} />}
      <TimelineSection id={id} canWrite={canWrite} />
      {hasPermission(me.data, "audit.read") && <AuditHistory entity="member" id={id} />}
    </section>
  );
}

function Summary({ member }: { member: MemberDetail }) {
  const { t, d } = useLocale();
  return (
    <dl className="summary" data-testid="member-summary">
      <dt>{t({ vi: "Trạng thái", en: "Status" })}</dt>
      <dd>{t(STATUS_LABELS[member.status] ?? { vi: member.status, en: member.status })}</dd>
      <dt>{t({ vi: "Ngày kết nạp", en: "Admitted on" })}</dt>
      <dd>{member.admittedOn ? d(member.admittedOn) : "—"}</dd>
      <dt>{t({ vi: "Chi đoàn", en: "Unit" })}</dt>
      <dd>{member.homeUnitId ?? "—"}</dd>
      <dt>{t({ vi: "Giới tính", en: "Gender" })}</dt>
      <dd>{member.gender ? t(GENDER_LABELS[member.gender]) : "—"}</dd>
      <dt>{t({ vi: "Ngày sinh", en: "Date of birth" })}</dt>
      <dd>{member.birthDate ? d(member.birthDate) : "—"}</dd>
    </dl>
  );
}

function valuesOf(member: MemberDetail): PersonalFormValues {
  return {
    fullName: member.fullName,
    gender: member.gender ?? "",
    birthDate: toTypedDate(member.birthDate),
    cardNumber: member.cardNumber ?? "",
    ethnicity: member.ethnicity ?? "",
    religion: member.religion ?? "",
    education: member.education ?? "",
    occupation: member.occupation ?? "",
    contact: { phone: member.contact?.phone ?? "", email: member.contact?.email ?? "" },
    placeOfResidence: member.placeOfResidence ?? "",
  };
}

function EditForm({ id, initial }: { id: string; initial: MemberDetail }) {
  const { t, locale } = useLocale();
  const queryClient = useQueryClient();
  const member = useMember(id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<SaveOutcome | null>(null);
  const [undo, setUndo] = useState<UndoOffer<PersonalRecord> | null>(null);
  // The form starts from the record as first loaded; a reload after a conflict refreshes the ETag,
  // the summary and the fields left alone, never what the person has typed.
  const { register, handleSubmit, formState, reset } = useForm<PersonalFormValues>({
    defaultValues: valuesOf(initial),
  });

  /** A 412: the notice names the fields someone else changed, and reloads keeping what was typed. */
  const noticeStale = async () =>
    setNotice(
      await staleSaveOutcome({
        text: STALE,
        url: `/api/v1/members/${encodeURIComponent(id)}`,
        read: member.data?.data,
        valuesOf,
        labels: PERSONAL_FIELD_LABELS,
      }),
    );

  /** A saved answer becomes the page's copy of the record, its ETag the next save's If-Match. */
  const saved = (answer: ApiResponse<MemberDetail>) => {
    queryClient.setQueryData(["members", "detail", id], answer);
    void queryClient.invalidateQueries({ queryKey: ["members", "list"] });
    void queryClient.invalidateQueries({ queryKey: ["audit", "member", id] });
  };

  const undoSave = async (patch: PersonalRecord) => {
    try {
      const answer = await apiRequest<MemberDetail>(`/api/v1/members/${encodeURIComponent(id)}`, {
        method: "PATCH",
        json: patch,
        ifMatch: member.data?.etag ?? "",
      });
      saved(answer);
      // The fields put back show their earlier values; anything typed since is kept.
      reset(valuesOf(answer.data), { keepDirtyValues: true });
      setUndo(null);
      setNotice({ kind: "saved", text: { vi: "Đã hoàn tác.", en: "Undone." } });
    } catch (caught) {
      setUndo(null);
      if (caught instanceof ApiRequestError && caught.status === 412) await noticeStale();
      else if (caught instanceof ApiRequestError) setNotice({ kind: "error", text: caught.localized });
      else setNotice({ kind: "error", text: { vi: "Không hoàn tác được.", en: "Could not undo." } });
    }
  };

  const submit = handleSubmit(async (values) => {
    setNotice(null);
    setUndo(null);
    // The record the save is sent against, ETag and values read together: what the save changes
    // and what an undo puts back.
    const before = member.data;
    const parsed = MemberUpdateSchema.safeParse(toPersonalUpdate(values, valuesOf(before?.data ?? initial)));
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      return;
    }
    setErrors({});
    // Nothing typed differs from the record: a save would only make a new version of the same.
    if (Object.keys(parsed.data).length === 0) {
      setNotice({ kind: "saved", text: { vi: "Không có gì thay đổi.", en: "Nothing changed." } });
      return;
    }
    try {
      const answer = await apiRequest<MemberDetail>(`/api/v1/members/${encodeURIComponent(id)}`, {
        method: "PATCH",
        json: parsed.data,
        ifMatch: before?.etag ?? "",
      });
      saved(answer);
      // The saved values become the form's starting point: a later reload or undo keeps only what
      // is typed after this save.
      reset(valuesOf(answer.data));
      const patch = before === undefined ? null : reversePatchOf(before.data, answer.data);
      setUndo(patch === null ? null : { etag: answer.etag, payload: patch });
      setNotice({ kind: "saved", text: { vi: "Đã lưu.", en: "Saved." } });
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412) await noticeStale();
      else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice({ kind: "error", text: caught.localized });
      } else setNotice({ kind: "error", text: { vi: "Không lưu được.", en: "Could not save." } });
    }
  });

  return (
    <form onSubmit={submit} noValidate className="panel" aria-labelledby="edit-title">
      <h3 id="edit-title">{t({ vi: "Sửa thông tin cá nhân", en: "Edit personal details" })}</h3>
      <PersonalFields prefix="edit" register={register} errors={errors} />
      <SaveNotice
        notice={notice}
        onUndo={isOffered(undo, member.data?.etag) ? () => undoSave(undo.payload) : undefined}
        onReload={async () => {
          const latest = await member.refetch();
          if (latest.data) reset(valuesOf(latest.data.data), { keepDirtyValues: true });
          setNotice(null);
        }}
      />
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t({ vi: "Lưu thay đổi", en: "Save changes" })}
      </button>
    </form>
  );
}

function useTimeline(id: string) {
  return useQuery({
    queryKey: ["members", "timeline", id],
    queryFn: ({ signal }) => apiGet<Timeline>(`/api/v1/members/${encodeURIComponent(id)}/timeline`, signal),
  });
}

/** What an event adds beyond its kind and date, in a few words: what a correction may change. */
function eventDetail(
  event: TimelineEvent,
  nameOf: (id: string) => string,
  t: (text: LocalizedText) => string,
  d: (iso: string) => string,
): string {
  const text = (key: string) => (typeof event[key] === "string" ? (event[key] as string) : undefined);
  switch (event.type) {
    case "transfer_out": {
      const to = text("toUnitId");
      return to === undefined ? "" : ` → ${nameOf(to)}`;
    }
    case "transfer_in":
    case "admitted": {
      const unit = text("unitId") ?? text("homeUnitId");
      return unit === undefined ? "" : ` — ${nameOf(unit)}`;
    }
    case "disciplined": {
      const form = text("form") as DisciplineForm | undefined;
      return form === undefined ? "" : ` — ${t(DISCIPLINE_LABELS[form])}`;
    }
    case "rewarded":
      return ` — ${text("title") ?? ""}`;
    case "rated":
      return ` — ${String(event.year)}: ${text("level") ?? ""}`;
    case "residence_registered":
      return ` — ${String(event.year)}`;
    case "activity_postponed": {
      const until = text("until");
      return until === undefined ? "" : ` — ${t({ vi: "đến", en: "until" })} ${d(until)}`;
    }
    default:
      return "";
  }
}

function TimelineSection({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t, d } = useLocale();
  const timeline = useTimeline(id);
  const member = useMember(id);
  const organizations = useOrganizations(new Date().toISOString().slice(0, 10));
  const [correcting, setCorrecting] = useState<string | null>(null);
  const nameOf = (unitId: string) =>
    organizations.data?.items.find((item) => item.id === unitId)?.name ?? unitId;
  const reasonOf = (correctionId: string) =>
    timeline.data?.corrections.find((fix) => fix.id === correctionId)?.reason ?? "";
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t({ vi: "Quá trình sinh hoạt", en: "Timeline" })}</h3>
      {timeline.isError && <ErrorNotice error={timeline.error} />}
      <ol className="timeline" data-testid="timeline">
        {timeline.data?.events.map(({ event, correctedBy }) => (
          <li key={event.id} data-event-type={event.type}>
            <time dateTime={event.effectiveDate}>{d(event.effectiveDate)}</time>{" "}
            <strong>{t(EVENT_LABELS[event.type] ?? { vi: event.type, en: event.type })}</strong>
            {eventDetail(event, nameOf, t, d)}
            {correctedBy.length > 0 && (
              <span className="subtle" data-testid="corrected-note">
                {" "}
                ({t({ vi: "đã đính chính", en: "corrected" })}: {reasonOf(correctedBy.at(-1) ?? "")})
              </span>
            )}
            {canWrite && correcting !== event.id && (
              <>
                {" "}
                <button type="button" onClick={() => setCorrecting(event.id)}>
                  {t({ vi: "Đính chính", en: "Correct" })}
                </button>
              </>
            )}
            {canWrite && correcting === event.id && (
              <CorrectionForm
                memberId={id}
                event={event}
                etag={member.data?.etag ?? ""}
                organizations={organizations.data?.items ?? []}
                onStale={() => member.refetch()}
                onClose={() => setCorrecting(null)}
              />
            )}
          </li>
        ))}
      </ol>
      {timeline.data !== undefined && timeline.data.voided.length > 0 && (
        // Voided events stay in the history: struck through, with the reason they were voided.
        <>
          <h4 id="voided-title">{t({ vi: "Sự kiện đã hủy bỏ", en: "Voided events" })}</h4>
          <ul className="timeline" data-testid="voided-events" aria-labelledby="voided-title">
            {timeline.data.voided.map(({ event, voidedBy }) => (
              <li key={event.id} data-event-type={event.type}>
                <del>
                  <time dateTime={event.effectiveDate}>{d(event.effectiveDate)}</time>{" "}
                  {t(EVENT_LABELS[event.type] ?? { vi: event.type, en: event.type })}
                  {eventDetail(event, nameOf, t, d)}
                </del>
                <span className="subtle" data-testid="voided-note">
                  {" "}
                  ({t({ vi: "đã hủy bỏ", en: "voided" })}: {reasonOf(voidedBy)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canWrite && <EventForm id={id} />}
    </section>
  );
}

/**
 * A transfer waiting for a unit the user keeps: the receiving side takes the member in here. Shown
 * only when the addressed unit is within the user's organisations.
 */
function PendingTransfer({ id, member }: { id: string; member: MemberDetail }) {
  const { t, d, locale } = useLocale();
  const queryClient = useQueryClient();
  const detail = useMember(id);
  const organizations = useOrganizations(new Date().toISOString().slice(0, 10));
  const [typed, setTyped] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = member.state?.pendingTransfer ?? null;
  if (pending === null) return null;
  const nameOf = (unitId: string) =>
    organizations.data?.items.find((item) => item.id === unitId)?.name ?? unitId;
  const mayReceive = organizations.data?.items.some((item) => item.id === pending.toUnitId) ?? false;

  const receive = async () => {
    setNotice(null);
    const parsed = MemberEventInputSchema.safeParse({
      type: "transfer_in",
      effectiveDate: toIsoDate(typed),
      transferOutEventId: pending.eventId,
      unitId: pending.toUnitId,
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await apiRequest(`/api/v1/members/${encodeURIComponent(id)}/events`, {
        method: "POST",
        json: parsed.data,
        ifMatch: detail.data?.etag ?? "",
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["members", "detail", id] }),
        queryClient.invalidateQueries({ queryKey: ["members", "timeline", id] }),
        queryClient.invalidateQueries({ queryKey: ["audit", "member", id] }),
      ]);
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412) {
        await detail.refetch();
        setNotice(STALE);
      } else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice(caught.localized);
      } else setNotice({ vi: "Không ghi được.", en: "Could not record." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="pending-title" data-testid="pending-transfer">
      <h3 id="pending-title">
        {t({ vi: "Chuyển sinh hoạt đang chờ tiếp nhận", en: "Transfer waiting to be received" })}
      </h3>
      <p>
        {t({ vi: "Từ", en: "From" })} {nameOf(pending.fromUnitId)} {t({ vi: "đến", en: "to" })}{" "}
        <strong>{nameOf(pending.toUnitId)}</strong>, {t({ vi: "từ ngày", en: "since" })} {d(pending.since)}
      </p>
      {mayReceive ? (
        <>
          <div className="field">
            <label htmlFor="receive-effectiveDate">
              {t({ vi: "Ngày tiếp nhận (dd/mm/yyyy)", en: "Received on (dd/mm/yyyy)" })}
            </label>
            <input
              id="receive-effectiveDate"
              inputMode="numeric"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              aria-invalid={errors.effectiveDate ? true : undefined}
              aria-describedby={errors.effectiveDate ? "receive-effectiveDate-error" : undefined}
            />
            <FieldError id="receive-effectiveDate-error" error={errors.effectiveDate} />
          </div>
          {notice && (
            <p className="notice notice-error" role="alert">
              {t(notice)}
            </p>
          )}
          <button type="button" disabled={busy} onClick={() => void receive()}>
            {t({ vi: "Tiếp nhận đoàn viên", en: "Receive the member" })}
          </button>
        </>
      ) : (
        <p className="hint">
          {t({
            vi: "Đơn vị nhận ngoài phạm vi của bạn: đơn vị đó sẽ tiếp nhận.",
            en: "The receiving unit is outside your scope: it receives the member.",
          })}
        </p>
      )}
    </section>
  );
}

export function EventForm({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const queryClient = useQueryClient();
  const member = useMember(id);
  const timeline = useTimeline(id);
  const organizations = useOrganizations(new Date().toISOString().slice(0, 10));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<SaveOutcome | null>(null);
  const [undo, setUndo] = useState<UndoOffer<TimelineEvent> | null>(null);
  const { register, handleSubmit, control, formState } = useForm<EventFormValues>({
    defaultValues: { type: "residence_registered", ...EMPTY_EVENT_VALUES },
  });
  const type = useWatch({ control, name: "type" });
  const events = (timeline.data?.events ?? [])
    .map((entry) => entry.event)
    .filter((event) => event.type !== "corrected");

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["members", "detail", id] }),
      queryClient.invalidateQueries({ queryKey: ["members", "timeline", id] }),
      queryClient.invalidateQueries({ queryKey: ["audit", "member", id] }),
    ]);

  // The event stays in the history, voided by a correction that says why; when the API refuses
  // (someone else changed the member, or the history without it would be impossible), its message
  // is shown and nothing is changed or reloaded.
  const undoEvent = async (event: TimelineEvent) => {
    try {
      await apiRequest(`/api/v1/members/${encodeURIComponent(id)}/events`, {
        method: "POST",
        json: voidingCorrectionOf(event),
        ifMatch: member.data?.etag ?? "",
      });
      await refresh();
      setNotice({
        kind: "saved",
        text: {
          vi: "Đã hoàn tác: sự kiện được hủy bỏ bằng một bản đính chính.",
          en: "Undone: the event is voided by a correction.",
        },
      });
    } catch (caught) {
      setNotice({
        kind: "error",
        text:
          caught instanceof ApiRequestError
            ? caught.localized
            : { vi: "Không hoàn tác được.", en: "Could not undo." },
      });
    } finally {
      setUndo(null);
    }
  };

  const submit = handleSubmit(async (values) => {
    setNotice(null);
    setUndo(null);
    const context = { homeUnitId: member.data?.data.homeUnitId ?? null, events };
    const parsed = MemberEventInputSchema.safeParse(eventInputOf(values, context));
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      return;
    }
    setErrors({});
    try {
      const recorded = await apiRequest<{ event: TimelineEvent }>(
        `/api/v1/members/${encodeURIComponent(id)}/events`,
        { method: "POST", json: parsed.data, ifMatch: member.data?.etag ?? "" },
      );
      await refresh();
      // The domain never corrects a correction, so voiding an event offers no undo of its own.
      if (recorded.data.event.type !== "corrected")
        setUndo({ etag: recorded.etag, payload: recorded.data.event });
      setNotice({ kind: "saved", text: { vi: "Đã ghi sự kiện.", en: "The event is recorded." } });
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412) {
        await member.refetch();
        setNotice({ kind: "error", text: STALE });
      } else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice({ kind: "error", text: caught.localized });
      } else setNotice({ kind: "error", text: { vi: "Không ghi được.", en: "Could not record." } });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="event-form-title">
      <h4 id="event-form-title">{t({ vi: "Ghi sự kiện", en: "Record an event" })}</h4>
      <div className="field">
        <label htmlFor="event-type">{t({ vi: "Loại sự kiện", en: "Event" })}</label>
        <select id="event-type" {...register("type")}>
          {(Object.keys(EVENT_FORMS) as EventFormType[]).map((kind) => (
            <option key={kind} value={kind}>
              {t(
                kind === "corrected"
                  ? { vi: "Đính chính: hủy bỏ một sự kiện", en: "Correction: void an event" }
                  : (EVENT_LABELS[kind] ?? { vi: kind, en: kind }),
              )}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="event-effectiveDate"
        label={t({ vi: "Ngày hiệu lực (dd/mm/yyyy)", en: "Effective date (dd/mm/yyyy)" })}
        registration={register("effectiveDate")}
        error={errors.effectiveDate}
        inputMode="numeric"
        {...(type === "corrected"
          ? {
              hint: t({
                vi: "Để trống: ngày của sự kiện bị hủy bỏ.",
                en: "Leave empty: the date of the event voided.",
              }),
            }
          : {})}
      />
      <EventFields
        fields={EVENT_FORMS[type]}
        register={register}
        errors={errors}
        organizations={organizations.data?.items ?? []}
        events={events}
      />
      <SaveNotice
        notice={notice}
        onUndo={isOffered(undo, member.data?.etag) ? () => undoEvent(undo.payload) : undefined}
      />
      <button type="submit" disabled={formState.isSubmitting}>
        {t({ vi: "Ghi sự kiện", en: "Record the event" })}
      </button>
    </form>
  );
}
