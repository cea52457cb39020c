// Importing members from CSV: a dry run first, whose report lists every bad cell row by row; then
// the commit, which the API writes all or nothing.
import type { LocalizedText } from "@sodoan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useState } from "react";
import { ApiRequestError } from "../lib/api";
import { useLocale } from "../lib/locale";
import { uploadWithProgress } from "../lib/upload";

type ImportReport = {
  rows: number;
  valid: number;
  errors: { row: number; column: string | null; message: LocalizedText }[];
  created?: number;
};

type Stage =
  | { kind: "idle" }
  /** Sending the file (`sent` of `total` bytes), then waiting while the server reads it. */
  | { kind: "working"; step: "dry-run" | "commit"; sent: number; total: number }
  | { kind: "checked"; report: ImportReport }
  | { kind: "committed"; report: ImportReport }
  | { kind: "failed"; message: LocalizedText; report?: ImportReport };

/** The report inside a refused commit's error body, when the API sends one. */
function reportOf(body: unknown): ImportReport | undefined {
  if (typeof body === "object" && body !== null && "report" in body)
    return (body as { report: ImportReport }).report;
  return undefined;
}

export function MemberImportPage() {
  const { t, n } = useLocale();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });

  async function send(text: string, dryRun: boolean) {
    const step = dryRun ? "dry-run" : "commit";
    setStage({ kind: "working", step, sent: 0, total: 0 });
    try {
      const data = await uploadWithProgress<ImportReport>(
        `/api/v1/members/import?dryRun=${dryRun}`,
        new Blob([text], { type: "text/csv; charset=utf-8" }),
        (sent, total) => setStage({ kind: "working", step, sent, total }),
      );
      if (dryRun) setStage({ kind: "checked", report: data });
      else {
        setStage({ kind: "committed", report: data });
        await queryClient.invalidateQueries({ queryKey: ["members"] });
      }
    } catch (caught) {
      if (caught instanceof ApiRequestError) {
        const report = reportOf(caught.body);
        setStage({ kind: "failed", message: caught.localized, ...(report ? { report } : {}) });
      } else
        setStage({ kind: "failed", message: { vi: "Không gửi được tệp.", en: "Could not send the file." } });
    }
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    await send(text, true);
  }

  const report =
    stage.kind === "checked" || stage.kind === "committed"
      ? stage.report
      : stage.kind === "failed"
        ? stage.report
        : undefined;

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t({ vi: "Nhập đoàn viên từ CSV", en: "Import members from CSV" })}</h2>
      <div className="panel">
        <p>
          {t({
            vi: "Dòng đầu là tiêu đề: Họ và tên, Giới tính, Ngày sinh, Số thẻ đoàn, …, Ngày kết nạp, Số nghị quyết kết nạp, Mã tổ chức kết nạp, Mã chi đoàn. Tệp được chạy thử trước; chỉ ghi khi mọi dòng hợp lệ, và ghi tất cả hoặc không dòng nào.",
            en: "The first row is the header: Họ và tên, Giới tính, Ngày sinh, Số thẻ đoàn, …, Ngày kết nạp, Số nghị quyết kết nạp, Mã tổ chức kết nạp, Mã chi đoàn. The file is checked first; it is written only when every row is valid, all rows or none.",
          })}
        </p>
        <div className="field">
          <label htmlFor="import-file">{t({ vi: "Tệp CSV (UTF-8)", en: "CSV file (UTF-8)" })}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void choose(event)}
          />
        </div>
        {stage.kind === "working" && (
          <div role="status" className="progress">
            {/* The bar fills as the file goes up; then the server reads it, for as long as that takes. */}
            {stage.total > 0 && stage.sent < stage.total ? (
              <progress aria-labelledby="import-progress-label" value={stage.sent} max={stage.total} />
            ) : (
              <progress aria-labelledby="import-progress-label" />
            )}
            <span id="import-progress-label">
              {stage.total > 0 && stage.sent < stage.total
                ? t({
                    vi: `Đang gửi tệp: ${n(Math.round((100 * stage.sent) / stage.total))}%`,
                    en: `Sending the file: ${n(Math.round((100 * stage.sent) / stage.total))}%`,
                  })
                : stage.step === "dry-run"
                  ? t({ vi: "Đang chạy thử…", en: "Checking the file…" })
                  : t({ vi: "Đang ghi…", en: "Writing…" })}
            </span>
          </div>
        )}
      </div>
      {stage.kind === "failed" && (
        <p className="notice notice-error" role="alert">
          {t(stage.message)}
        </p>
      )}
      {report && (
        <section className="panel" aria-labelledby="report-title" data-testid="import-report">
          <h3 id="report-title">
            {stage.kind === "committed"
              ? t({ vi: "Đã ghi", en: "Written" })
              : t({ vi: "Kết quả chạy thử", en: "Dry run report" })}
            {file ? ` — ${file.name}` : ""}
          </h3>
          <p data-testid="import-summary">
            {t({
              vi: `${n(report.rows)} dòng, ${n(report.valid)} dòng hợp lệ, ${n(report.errors.length)} lỗi`,
              en: `${n(report.rows)} rows, ${n(report.valid)} valid, ${n(report.errors.length)} errors`,
            })}
            {report.created !== undefined &&
              ` · ${t({ vi: `đã ghi ${n(report.created)} đoàn viên`, en: `${n(report.created)} members written` })}`}
          </p>
          {report.errors.length > 0 && (
            <table className="data" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t({ vi: "Dòng", en: "Row" })}</th>
                  <th scope="col">{t({ vi: "Cột", en: "Column" })}</th>
                  <th scope="col">{t({ vi: "Lỗi", en: "Error" })}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((error, index) => (
                  <tr key={`${error.row}-${error.column ?? ""}-${index}`}>
                    <td className="number">{error.row}</td>
                    <td>{error.column ?? "—"}</td>
                    <td>{t(error.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {stage.kind === "checked" && file && (
            <button
              type="button"
              className="primary"
              disabled={report.errors.length > 0 || report.rows === 0}
              onClick={() => void send(file.text, false)}
            >
              {t({
                vi: `Ghi ${n(report.valid)} đoàn viên`,
                en: `Write ${n(report.valid)} members`,
              })}
            </button>
          )}
        </section>
      )}
    </section>
  );
}
