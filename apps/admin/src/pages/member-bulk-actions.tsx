// One lifecycle event for many members: the ones ticked in the list, or the whole filtered list.
// A dry run comes first and names whoever the domain would refuse; the event is then recorded for
// all of them or for none. Loaded only when a cadre opens it.
import { type LocalizedText, MemberEventInputSchema } from "@sodoan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link } from "react-router";
import { ApiRequestError, apiRequest } from "../lib/api";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import {
  BULK_EVENT_TYPES,
  EMPTY_EVENT_VALUES,
  EVENT_FORMS,
  type EventFormValues,
  eventInputOf,
} from "../lib/member-events";
import { type MemberFilters, memberBulkFilter } from "../lib/member-filters";
import { EVENT_LABELS } from "../lib/member-labels";
import { paths } from "../paths";
import { EventFields } from "../ui/event-fields";
import { useOrganizations } from "../ui/organization-select";
import { TextField } from "../ui/text-field";

type Report = {
  dryRun: boolean;
  total: number;
  accepted: number;
  refused: { memberId: string; fullName: string; code: string; message: LocalizedText }[];
};

type Target = "selected" | "filtered";

export default function MemberBulkActions({
  selectedIds,
  filters,
  total,
  onDone,
}: {
  selectedIds: readonly string[];
  filters: MemberFilters;
  /** The filtered list's count as the user sees it: the API refuses to act if it has changed. */
  total: number;
  onDone: () => void;
}) {
  const { t, n, locale } = useLocale();
  const queryClient = useQueryClient();
  const organizations = useOrganizations(new Date().toISOString().slice(0, 10));
  // The user's own choice, once made; until then the members ticked, if any, else the whole list.
  const [chosen, setTarget] = useState<Target | null>(null);
  const target = chosen ?? (selectedIds.length > 0 ? "selected" : "filtered");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [report, setReport] = useState<{ key: string; report: Report } | null>(null);
  const [notice, setNotice] = useState<{ good: boolean; text: LocalizedText } | null>(null);
  const { register, handleSubmit, control, formState } = useForm<EventFormValues>({
    defaultValues: { type: "residence_registered", ...EMPTY_EVENT_VALUES },
  });
  const type = useWatch({ control, name: "type" });
  const values = useWatch({ control });
  const effectiveTarget: Target = target === "selected" && selectedIds.length === 0 ? "filtered" : target;
  const members =
    effectiveTarget === "selected"
      ? { ids: [...selectedIds] }
      : { filter: memberBulkFilter(filters), expectedCount: total };
  // A dry run stands for exactly the members and the event it was run on.
  const keyOf = (input: unknown) => JSON.stringify({ members, input });
  const current =
    report !== null &&
    report.key === keyOf(eventInputOf({ ...EMPTY_EVENT_VALUES, ...values } as EventFormValues));

  const run = (dryRun: boolean) =>
    handleSubmit(async (form) => {
      setNotice(null);
      const parsed = MemberEventInputSchema.safeParse(eventInputOf(form));
      if (!parsed.success) {
        setErrors(fieldErrorsOfZod(parsed.error, locale));
        return;
      }
      setErrors({});
      try {
        const { data } = await apiRequest<Report>(`/api/v1/members/bulk-events?dryRun=${dryRun}`, {
          method: "POST",
          json: { members, event: parsed.data },
        });
        if (dryRun) {
          setReport({ key: keyOf(eventInputOf(form)), report: data });
          return;
        }
        setReport(null);
        await queryClient.invalidateQueries({ queryKey: ["members"] });
        setNotice({
          good: true,
          text: {
            vi: `Đã ghi cho ${n(data.accepted)} đoàn viên.`,
            en: `Recorded for ${n(data.accepted)} members.`,
          },
        });
        onDone();
      } catch (caught) {
        setReport(null);
        if (caught instanceof ApiRequestError) {
          setErrors(fieldErrorsOfApi(caught.issues, locale, ["event"]));
          setNotice({ good: false, text: caught.localized });
          // The list moved under the user: show them the list as it is now.
          if (caught.status === 412) await queryClient.invalidateQueries({ queryKey: ["members", "list"] });
        } else setNotice({ good: false, text: { vi: "Không ghi được.", en: "Could not record." } });
      }
    });

  return (
    <form className="bulk-actions" noValidate onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{t({ vi: "Áp dụng cho", en: "Apply to" })}</legend>
        <label>
          <input
            type="radio"
            name="bulk-target"
            checked={effectiveTarget === "selected"}
            disabled={selectedIds.length === 0}
            onChange={() => setTarget("selected")}
          />{" "}
          {t({
            vi: `${n(selectedIds.length)} đoàn viên đã chọn`,
            en: `The ${n(selectedIds.length)} members selected`,
          })}
        </label>
        <label>
          <input
            type="radio"
            name="bulk-target"
            checked={effectiveTarget === "filtered"}
            onChange={() => setTarget("filtered")}
          />{" "}
          {t({
            vi: `Toàn bộ danh sách đã lọc (${n(total)} đoàn viên)`,
            en: `The whole filtered list (${n(total)} members)`,
          })}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="bulk-type">{t({ vi: "Loại sự kiện", en: "Event" })}</label>
        <select id="bulk-type" {...register("type")}>
          {BULK_EVENT_TYPES.map((kind) => (
            <option key={kind} value={kind}>
              {t(EVENT_LABELS[kind] ?? { vi: kind, en: kind })}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="bulk-effectiveDate"
        label={t({ vi: "Ngày hiệu lực (dd/mm/yyyy)", en: "Effective date (dd/mm/yyyy)" })}
        registration={register("effectiveDate")}
        error={errors.effectiveDate}
        inputMode="numeric"
      />
      <EventFields
        fields={EVENT_FORMS[type]}
        register={register}
        errors={errors}
        organizations={organizations.data?.items ?? []}
        idPrefix="bulk"
      />
      <div className="toolbar">
        <button type="button" onClick={run(true)} disabled={formState.isSubmitting}>
          {t({ vi: "Chạy thử", en: "Dry run" })}
        </button>
        <button
          type="button"
          onClick={run(false)}
          disabled={formState.isSubmitting || !current || (report?.report.refused.length ?? 1) > 0}
        >
          {t({ vi: "Ghi cho tất cả", en: "Record for all" })}
        </button>
      </div>
      {!current && (
        <p className="hint">
          {t({
            vi: "Chạy thử trước: sự kiện chỉ được ghi khi không ai bị từ chối.",
            en: "Run it dry first: the event is recorded only when no one is refused.",
          })}
        </p>
      )}
      {current && report && <BulkReport report={report.report} />}
      {notice && (
        <p className={`notice ${notice.good ? "notice-good" : "notice-error"}`} role="status">
          {t(notice.text)}
        </p>
      )}
    </form>
  );
}

function BulkReport({ report }: { report: Report }) {
  const { t, n } = useLocale();
  return (
    <div role="status" data-testid="bulk-report">
      <p>
        {t({
          vi: `${n(report.accepted)}/${n(report.total)} đoàn viên nhận được sự kiện này.`,
          en: `${n(report.accepted)} of ${n(report.total)} members can take this event.`,
        })}
      </p>
      {report.refused.length > 0 && (
        <table className="data">
          <caption>{t({ vi: "Bị từ chối", en: "Refused" })}</caption>
          <thead>
            <tr>
              <th scope="col">{t({ vi: "Đoàn viên", en: "Member" })}</th>
              <th scope="col">{t({ vi: "Lý do", en: "Reason" })}</th>
            </tr>
          </thead>
          <tbody>
            {report.refused.map((refusal) => (
              <tr key={refusal.memberId}>
                <td>
                  <Link to={paths.member(refusal.memberId)}>{refusal.fullName}</Link>
                </td>
                <td>{t(refusal.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
