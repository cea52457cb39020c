// An organisation's positions over time: every term with its holder, start and end, the holders on
// the chosen date marked; a form to appoint a holder and, on each open term, one to end it.
import {
  type LocalizedText,
  POSITION_TITLE_LABELS,
  POSITION_TITLES,
  PositionTermCreateSchema,
  PositionTermUpdateSchema,
  type PositionTitle,
} from "@sodoan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { apiGet, apiRequest, queryString } from "../lib/api";
import { toIsoDate } from "../lib/dates";
import { ifMatchOf } from "../lib/etag";
import { useLocale } from "../lib/locale";
import { decisionOf } from "../lib/organization-input";
import { ActionNotice, useActionForm } from "../ui/action-form";
import { ErrorNotice } from "../ui/error-notice";
import { FieldError } from "../ui/field-error";
import { TextField } from "../ui/text-field";

type Term = {
  id: string;
  organizationId: string;
  title: PositionTitle;
  person: { fullName: string; memberId?: string };
  from: string;
  to?: string;
  decidedBy?: { symbol: string };
  version: number;
};

const termsKey = (organizationId: string) => ["positions", organizationId] as const;

export function PositionsSection({
  organizationId,
  asOf,
  canWrite,
}: {
  organizationId: string;
  asOf: string;
  canWrite: boolean;
}) {
  const { t, d } = useLocale();
  const terms = useQuery({
    queryKey: termsKey(organizationId),
    queryFn: ({ signal }) =>
      apiGet<{ items: Term[] }>(
        `/api/v1/positions${queryString({ organizationId, sort: "title:asc,from:desc", pageSize: 500 })}`,
        signal,
      ),
  });
  const holds = (term: Term) => term.from <= asOf && (term.to === undefined || asOf <= term.to);
  return (
    <section className="panel" aria-labelledby="positions-title">
      <h3 id="positions-title">{t({ vi: "Chức vụ và người đảm nhiệm", en: "Positions and holders" })}</h3>
      {terms.isError && <ErrorNotice error={terms.error} onRetry={() => void terms.refetch()} />}
      {terms.data && terms.data.items.length === 0 && (
        <p className="subtle">{t({ vi: "Chưa ghi nhiệm kỳ nào.", en: "No term recorded." })}</p>
      )}
      {terms.data && terms.data.items.length > 0 && (
        <table className="data" data-testid="position-terms">
          <thead>
            <tr>
              <th scope="col">{t({ vi: "Chức vụ", en: "Position" })}</th>
              <th scope="col">{t({ vi: "Họ và tên", en: "Full name" })}</th>
              <th scope="col">{t({ vi: "Từ ngày", en: "From" })}</th>
              <th scope="col">{t({ vi: "Đến ngày", en: "To" })}</th>
              <th scope="col">{t({ vi: `Vào ngày ${d(asOf)}`, en: `On ${d(asOf)}` })}</th>
              {canWrite && <th scope="col">{t({ vi: "Kết thúc nhiệm kỳ", en: "End the term" })}</th>}
            </tr>
          </thead>
          <tbody>
            {terms.data.items.map((term) => (
              <tr key={term.id}>
                <td>{t(POSITION_TITLE_LABELS[term.title])}</td>
                <td>{term.person.fullName}</td>
                <td>{d(term.from)}</td>
                <td>{term.to ? d(term.to) : "—"}</td>
                <td>{holds(term) ? t({ vi: "Đương nhiệm", en: "In office" }) : ""}</td>
                {canWrite && <td>{term.to === undefined && <EndTermForm term={term} />}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && <AppointForm organizationId={organizationId} />}
    </section>
  );
}

function AppointForm({ organizationId }: { organizationId: string }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const form = useActionForm();
  const { register, handleSubmit, reset, formState } = useForm({
    defaultValues: { title: "secretary" as PositionTitle, fullName: "", from: "", decision: "" },
  });
  const submit = handleSubmit(async (values) => {
    const decidedBy = decisionOf(values.decision);
    const done = await form.run(
      PositionTermCreateSchema,
      {
        organizationId,
        title: values.title,
        person: { fullName: values.fullName },
        from: toIsoDate(values.from),
        ...(decidedBy === undefined ? {} : { decidedBy }),
      },
      async (input) => {
        await apiRequest("/api/v1/positions", { method: "POST", json: input });
        await queryClient.invalidateQueries({ queryKey: termsKey(organizationId) });
        return { vi: "Đã ghi nhiệm kỳ.", en: "The term is recorded." } satisfies LocalizedText;
      },
    );
    if (done) reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="appoint-title">
      <h4 id="appoint-title">{t({ vi: "Bổ nhiệm người đảm nhiệm", en: "Appoint a holder" })}</h4>
      <div className="field">
        <label htmlFor="appoint-title-select">{t({ vi: "Chức vụ", en: "Position" })}</label>
        <select id="appoint-title-select" {...register("title")}>
          {POSITION_TITLES.map((title) => (
            <option key={title} value={title}>
              {t(POSITION_TITLE_LABELS[title])}
            </option>
          ))}
        </select>
        <FieldError error={form.errors.title} />
      </div>
      <TextField
        id="appoint-fullName"
        label={t({ vi: "Họ và tên người đảm nhiệm", en: "Holder's full name" })}
        registration={register("fullName")}
        error={form.errors["person.fullName"]}
      />
      <TextField
        id="appoint-from"
        label={t({ vi: "Từ ngày", en: "From" })}
        hint="dd/mm/yyyy"
        inputMode="numeric"
        registration={register("from")}
        error={form.errors.from}
      />
      <TextField
        id="appoint-decision"
        label={t({ vi: "Số quyết định chuẩn y", en: "Decision" })}
        registration={register("decision")}
        error={form.errors["decidedBy.symbol"]}
      />
      <ActionNotice notice={form.notice} />
      <button type="submit" disabled={formState.isSubmitting}>
        {t({ vi: "Bổ nhiệm", en: "Appoint" })}
      </button>
    </form>
  );
}

function EndTermForm({ term }: { term: Term }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const form = useActionForm();
  const refresh = () => queryClient.invalidateQueries({ queryKey: termsKey(term.organizationId) });
  const { register, handleSubmit, formState } = useForm({ defaultValues: { to: "" } });
  const submit = handleSubmit((values) =>
    form.run(
      PositionTermUpdateSchema,
      { to: toIsoDate(values.to) },
      async (input) => {
        await apiRequest(`/api/v1/positions/${encodeURIComponent(term.id)}`, {
          method: "PATCH",
          json: input,
          ifMatch: ifMatchOf(term.version),
        });
        await refresh();
        return { vi: "Đã kết thúc nhiệm kỳ.", en: "The term is ended." };
      },
      refresh,
    ),
  );
  const id = `end-${term.id}`;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="inline-form"
      aria-label={t({
        vi: `Kết thúc nhiệm kỳ của ${term.person.fullName}`,
        en: `End ${term.person.fullName}'s term`,
      })}
    >
      <TextField
        id={`${id}-to`}
        label={t({ vi: "Ngày kết thúc", en: "Last day" })}
        hint="dd/mm/yyyy"
        inputMode="numeric"
        size={12}
        registration={register("to")}
        error={form.errors.to}
      />
      <ActionNotice notice={form.notice} />
      <button type="submit" disabled={formState.isSubmitting}>
        {t({ vi: "Kết thúc", en: "End" })}
      </button>
    </form>
  );
}
