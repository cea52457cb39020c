// The figures a conference reports: the cadre picks a metric, its value is pulled from the API for
// the organiser on the conference's date and kept with its provenance; no value is ever typed.
import type { CalendarDate, LocalizedText, ReportedFigure } from "@sodoan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiRequestError, apiGet, queryString } from "../lib/api";
import { figureQuery, type MetricAnswerForFigure, reportedFigureOf } from "../lib/conference-form";
import { isCalendarDate } from "../lib/dates";
import { useLocale } from "../lib/locale";
import { FieldError } from "../ui/field-error";

type MetricDefinition = {
  id: string;
  version: number;
  question: "stock" | "flow" | "year" | "cohort";
  counts: LocalizedText;
};

/** Whether a figure was pulled for this organiser and date (a flow: over the period it would be asked). */
function isFor(
  figure: ReportedFigure["figure"],
  organizerId: string,
  date: string,
  review: { from: CalendarDate; to: CalendarDate } | undefined,
): boolean {
  if (figure.organizationId !== organizerId) return false;
  if (figure.asOf !== undefined) return figure.asOf === date;
  return figure.period?.to === (review?.to ?? date);
}

export function ConferenceFigures({
  figures,
  onChange,
  organizerId,
  date,
  review,
  disabled,
}: {
  figures: ReportedFigure[];
  onChange: (figures: ReportedFigure[]) => void;
  organizerId: string;
  /** The conference's first day, ISO, or whatever was typed. */
  date: string;
  review: { from: CalendarDate; to: CalendarDate } | undefined;
  disabled: boolean;
}) {
  const { t, n, pct, d, dt } = useLocale();
  const catalogue = useQuery({
    queryKey: ["metrics", "catalogue"],
    queryFn: ({ signal }) => apiGet<{ items: MetricDefinition[] }>("/api/v1/metrics", signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [metricId, setMetricId] = useState("");
  const [problem, setProblem] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = organizerId !== "" && isCalendarDate(date);

  const pull = async () => {
    setProblem(null);
    const definition = catalogue.data?.items.find((item) => item.id === metricId);
    if (definition === undefined) {
      setProblem({ vi: "Hãy chọn một chỉ số.", en: "Choose a metric." });
      return;
    }
    if (!ready) {
      setProblem({
        vi: "Hãy chọn tổ chức chủ trì và nhập ngày bắt đầu trước.",
        en: "Choose the organiser and type the start date first.",
      });
      return;
    }
    setBusy(true);
    try {
      const query = figureQuery(definition.question, organizerId, date, review);
      const answer = await apiGet<MetricAnswerForFigure>(
        `/api/v1/metrics/${encodeURIComponent(definition.id)}${queryString(query)}`,
      );
      const figure = reportedFigureOf(answer, definition.counts.vi);
      if (figure === undefined) {
        setProblem({
          vi: "Chỉ số này không phải một con số (ví dụ một cơ cấu): không trích được.",
          en: "This metric is not one number (a breakdown, say): it cannot be quoted.",
        });
        return;
      }
      onChange([...figures.filter((item) => item.figure.metricId !== definition.id), figure]);
    } catch (caught) {
      setProblem(
        caught instanceof ApiRequestError
          ? caught.localized
          : { vi: "Không lấy được số liệu.", en: "The figure could not be fetched." },
      );
    } finally {
      setBusy(false);
    }
  };

  const stale = ready && figures.some((item) => !isFor(item.figure, organizerId, date, review));

  return (
    <fieldset className="panel" data-testid="conference-figures">
      <legend>{t({ vi: "Số liệu báo cáo", en: "Figures reported" })}</legend>
      <p className="hint">
        {t({
          vi: "Số liệu lấy từ hồ sơ, của tổ chức chủ trì, tính đến ngày bắt đầu hội nghị; không nhập tay.",
          en: "Figures come from the records, for the organiser, as of the conference's first day; never typed.",
        })}
      </p>
      {stale && (
        <p className="notice notice-error" role="status">
          {t({
            vi: "Có số liệu không khớp tổ chức hoặc ngày của hội nghị: hãy lấy lại.",
            en: "Some figures do not match the conference's organiser or date: pull them again.",
          })}
        </p>
      )}
      <ul className="figure-list">
        {figures.map((item, index) => (
          <li key={item.figure.metricId} data-testid={`reported-${item.figure.metricId}`}>
            <label htmlFor={`figure-label-${index}`} className="visually-hidden">
              {t({ vi: "Cách gọi số liệu", en: "Words for the figure" })}
            </label>
            <input
              id={`figure-label-${index}`}
              value={item.label}
              onChange={(event) =>
                onChange(
                  figures.map((other, i) => (i === index ? { ...other, label: event.target.value } : other)),
                )
              }
            />{" "}
            <strong className="figure-value">
              {item.figure.unit === "ratio" ? pct(item.figure.value) : n(item.figure.value)}
            </strong>{" "}
            <span className="subtle">
              {item.figure.metricId} v{item.figure.metricVersion ?? "?"} ·{" "}
              {item.figure.period
                ? `${d(item.figure.period.from)} – ${d(item.figure.period.to)}`
                : item.figure.asOf
                  ? d(item.figure.asOf)
                  : ""}{" "}
              · {t({ vi: "tính lúc", en: "computed" })} {dt(item.figure.computedAt)}
            </span>{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(figures.filter((_, i) => i !== index))}
            >
              {t({ vi: "Bỏ", en: "Remove" })}
            </button>
          </li>
        ))}
      </ul>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="figure-metric">{t({ vi: "Chỉ số", en: "Metric" })}</label>
          <select id="figure-metric" value={metricId} onChange={(event) => setMetricId(event.target.value)}>
            <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
            {catalogue.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {t(item.counts)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => void pull()} disabled={busy || disabled}>
          {t({ vi: "Lấy số liệu", en: "Pull the figure" })}
        </button>
      </div>
      <FieldError error={problem ? t(problem) : undefined} role="alert" />
    </fieldset>
  );
}
