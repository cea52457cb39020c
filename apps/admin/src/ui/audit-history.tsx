// A record's change history, from the audit trail the database writes with every change: who, when,
// what was done, which fields changed. Shown to those whose role may read the trail.
import type { LocalizedText } from "@sodoan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet, queryString } from "../lib/api";
import { type AuditEvent, changedFields } from "../lib/audit";
import { useLocale } from "../lib/locale";
import { ErrorNotice } from "./error-notice";

/** The audited kinds of record, as `GET /api/v1/audit?entity=` names them. */
export type AuditedEntity =
  | "organization"
  | "member"
  | "article"
  | "conference"
  | "comment"
  | "referral"
  | "user";

export function AuditHistory({ entity, id }: { entity: AuditedEntity; id: string }) {
  const { t, dt } = useLocale();
  // Read when opened, and read again at each opening: the record may have changed on this page
  // since (a save, a publication), and the history must show it.
  const [open, setOpen] = useState(false);
  const audit = useQuery({
    queryKey: ["audit", entity, id],
    enabled: open,
    staleTime: 0,
    queryFn: ({ signal }) =>
      apiGet<{ items: AuditEvent[]; total: number }>(
        `/api/v1/audit${queryString({ entity, id, pageSize: 100 })}`,
        signal,
      ),
  });
  const ACTIONS: Record<AuditEvent["action"], LocalizedText> = {
    insert: { vi: "Tạo", en: "Created" },
    update: { vi: "Sửa", en: "Changed" },
    delete: { vi: "Xóa", en: "Deleted" },
    read: { vi: "Xem thông tin nhạy cảm", en: "Sensitive fields read" },
    export: { vi: "Xuất bản sao", en: "Copy exported" },
    erase: { vi: "Xóa dữ liệu cá nhân", en: "Erased" },
  };
  return (
    <details className="panel" data-testid="audit" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t({ vi: "Lịch sử thay đổi", en: "Change history" })}</summary>
      {audit.isError && <ErrorNotice error={audit.error} />}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t({ vi: "Lúc", en: "When" })}</th>
            <th scope="col">{t({ vi: "Người thực hiện", en: "By" })}</th>
            <th scope="col">{t({ vi: "Thao tác", en: "Action" })}</th>
            <th scope="col">{t({ vi: "Bảng", en: "Table" })}</th>
            <th scope="col">{t({ vi: "Trường thay đổi", en: "Fields changed" })}</th>
          </tr>
        </thead>
        <tbody>
          {audit.data?.items.map((entry) => (
            <tr key={entry.id}>
              <td>{dt(entry.at)}</td>
              <td>{entry.actor?.email ?? "—"}</td>
              <td>{t(ACTIONS[entry.action])}</td>
              <td>{entry.table}</td>
              <td>{changedFields(entry.before, entry.after).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
