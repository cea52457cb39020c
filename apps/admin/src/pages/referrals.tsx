// The referrals to the Party as a board: one column per stage, each with its count and the most
// recent referrals, within the user's scope. A card offers only the stages the domain lets it move
// to next: nothing on the board moves a referral back.
import {
  NEXT_REFERRAL_STAGES,
  REFERRAL_STAGE_LABELS,
  REFERRAL_STAGES,
  type ReferralStage,
  ReferralStepInputSchema,
} from "@sodoan/domain";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { apiGet, apiRequest, queryString } from "../lib/api";
import { hasPermission, useMe } from "../lib/auth";
import { toIsoDate } from "../lib/dates";
import { ifMatchOf } from "../lib/etag";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ActionNotice, useActionForm } from "../ui/action-form";
import { AuditHistory } from "../ui/audit-history";
import { ErrorNotice } from "../ui/error-notice";
import { FieldError } from "../ui/field-error";
import { TextField } from "../ui/text-field";

type Referral = {
  id: string;
  memberId: string;
  resolutionRef: string;
  referredOn: string;
  stage: ReferralStage;
  version: number;
};

/** Referrals shown per column; the count says how many there are in all. */
const SHOWN = 10;

export function ReferralsPage() {
  const { t, n, d } = useLocale();
  const me = useMe();
  const canMove = hasPermission(me.data, "referrals.write");
  const canAudit = hasPermission(me.data, "audit.read");
  const columns = useQueries({
    queries: REFERRAL_STAGES.map((stage) => ({
      queryKey: ["referrals", "board", stage],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet<{ items: Referral[]; total: number }>(
          `/api/v1/referrals${queryString({ stage, pageSize: SHOWN, sort: "referredOn:desc" })}`,
          signal,
        ),
    })),
  });
  return (
    <section aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t({ vi: "Giới thiệu đoàn viên vào Đảng", en: "Referrals to the Party" })}</h2>
      <div className="board">
        {REFERRAL_STAGES.map((stage, index) => {
          const column = columns[index];
          return (
            <section
              key={stage}
              className="panel board-column"
              aria-labelledby={`stage-${stage}`}
              data-testid={`stage-${stage}`}
            >
              <h3 id={`stage-${stage}`}>
                {t(REFERRAL_STAGE_LABELS[stage])}{" "}
                <span className="count">{column?.data ? `(${n(column.data.total)})` : ""}</span>
              </h3>
              {column?.isError && <ErrorNotice error={column.error} />}
              <ul>
                {column?.data?.items.map((referral) => (
                  <li key={referral.id} data-testid={`referral-${referral.id}`}>
                    <Link to={paths.member(referral.memberId)}>
                      {d(referral.referredOn)} · {referral.resolutionRef}
                    </Link>
                    {canMove && NEXT_REFERRAL_STAGES[referral.stage].length > 0 && (
                      <StepForm referral={referral} />
                    )}
                    {canAudit && <AuditHistory entity="referral" id={referral.id} />}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}

/** The next step of one referral: only the stages that may follow its own, dated, with a decision. */
function StepForm({ referral }: { referral: Referral }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const form = useActionForm();
  const next = NEXT_REFERRAL_STAGES[referral.stage];
  const { register, handleSubmit, formState } = useForm({
    defaultValues: { stage: next[0] ?? "", date: "", decisionRef: "" },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["referrals"] });
  const submit = handleSubmit((values) =>
    form.run(
      ReferralStepInputSchema,
      {
        stage: values.stage,
        date: toIsoDate(values.date),
        ...(values.decisionRef.trim() === "" ? {} : { decisionRef: values.decisionRef.trim() }),
      },
      async (step) => {
        await apiRequest(`/api/v1/referrals/${encodeURIComponent(referral.id)}/steps`, {
          method: "POST",
          json: step,
          ifMatch: ifMatchOf(referral.version),
        });
        await refresh();
        return { vi: "Đã ghi bước tiếp theo.", en: "The next step is recorded." };
      },
      refresh,
    ),
  );
  const id = `step-${referral.id}`;
  return (
    <details>
      <summary>{t({ vi: "Ghi bước tiếp theo", en: "Record the next step" })}</summary>
      <form
        onSubmit={submit}
        noValidate
        aria-label={t({
          vi: `Bước tiếp theo của ${referral.resolutionRef}`,
          en: `Next step of ${referral.resolutionRef}`,
        })}
      >
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t({ vi: "Bước", en: "Stage" })}</label>
          <select id={`${id}-stage`} {...register("stage")}>
            {next.map((stage) => (
              <option key={stage} value={stage}>
                {t(REFERRAL_STAGE_LABELS[stage])}
              </option>
            ))}
          </select>
          <FieldError error={form.errors.stage} />
        </div>
        <TextField
          id={`${id}-date`}
          label={t({ vi: "Ngày", en: "Date" })}
          hint="dd/mm/yyyy"
          inputMode="numeric"
          registration={register("date")}
          error={form.errors.date}
        />
        <TextField
          id={`${id}-decisionRef`}
          label={t({ vi: "Số quyết định", en: "Decision" })}
          registration={register("decisionRef")}
          error={form.errors.decisionRef}
        />
        <ActionNotice notice={form.notice} />
        <button type="submit" disabled={formState.isSubmitting}>
          {t({ vi: "Ghi bước", en: "Record the step" })}
        </button>
      </form>
    </details>
  );
}
