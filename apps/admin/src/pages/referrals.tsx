// The referrals to the Party as a board: one column per stage, each with its count and the most
// recent referrals, within the user's scope.
import { REFERRAL_STAGE_LABELS, REFERRAL_STAGES, type ReferralStage } from "@sodoan/domain";
import { useQueries } from "@tanstack/react-query";
import { Link } from "react-router";
import { apiGet, queryString } from "../lib/api";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/error-notice";

type Referral = {
  id: string;
  memberId: string;
  resolutionRef: string;
  referredOn: string;
  stage: ReferralStage;
};

/** Referrals shown per column; the count says how many there are in all. */
const SHOWN = 10;

export function ReferralsPage() {
  const { t, n, d } = useLocale();
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
                  <li key={referral.id}>
                    <Link to={paths.member(referral.memberId)}>
                      {d(referral.referredOn)} · {referral.resolutionRef}
                    </Link>
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
