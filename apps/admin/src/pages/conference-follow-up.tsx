// The follow-up of earlier directives at a conference: every directive of the organiser's earlier
// conferences, how it stands on this conference's date, and a way to record that this conference
// followed it up (written on the issuing conference, with its own If-Match).
import { type Conference, type Directive, type LocalizedText, validateFollowUp } from "@sodoan/domain";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ApiRequestError, apiGet, apiRequest, queryString } from "../lib/api";
import { type DirectiveStatus, directiveStatus } from "../lib/conference-form";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/error-notice";
import { FieldError } from "../ui/field-error";

/** How many earlier conferences are looked back on: the most recent ones. */
const LOOK_BACK = 20;

const STATUS_LABELS: Record<DirectiveStatus, LocalizedText> = {
  open: { vi: "Đang thực hiện", en: "Open" },
  overdue: { vi: "Quá hạn", en: "Overdue" },
  done: { vi: "Đã theo dõi", en: "Followed up" },
};

export function ConferenceFollowUp({
  conference,
  canWrite,
  nameOf,
}: {
  /** This conference, as saved. */
  conference: Conference;
  canWrite: boolean;
  nameOf: (organizationId: string) => string;
}) {
  const { t, d } = useLocale();
  const url = `/api/v1/conferences${queryString({
    organizationId: conference.organizerId,
    to: conference.startDate,
    sort: "startsOn:desc",
    pageSize: LOOK_BACK,
  })}`;
  const earlier = useQuery({
    queryKey: ["conferences", "list", url],
    queryFn: ({ signal }) => apiGet<{ items: { id: string }[] }>(url, signal),
  });
  const ids = (earlier.data?.items ?? []).map((item) => item.id).filter((id) => id !== conference.id);
  const details = useQueries({
    queries: ids.map((id) => ({
      queryKey: ["conferences", "detail", id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<Conference>(`/api/v1/conferences/${encodeURIComponent(id)}`, { signal }),
    })),
  });
  const rows = details
    .flatMap((detail) => (detail.data ? [detail.data.data] : []))
    .filter((issuing) => issuing.endDate < conference.startDate)
    .flatMap((issuing) => issuing.directives.map((directive) => ({ issuing, directive })));

  return (
    <section className="panel" aria-labelledby="follow-up-title" data-testid="follow-up">
      <h3 id="follow-up-title">
        {t({ vi: "Theo dõi chỉ đạo của các hội nghị trước", en: "Follow-up of earlier directives" })}
      </h3>
      {earlier.isError && <ErrorNotice error={earlier.error} onRetry={() => void earlier.refetch()} />}
      {earlier.data && rows.length === 0 && details.every((detail) => !detail.isPending) && (
        <p>
          {t({
            vi: "Các hội nghị trước không có chỉ đạo nào.",
            en: "Earlier conferences gave no directives.",
          })}
        </p>
      )}
      {rows.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t({ vi: "Hội nghị ban hành", en: "Issued at" })}</th>
              <th scope="col">{t({ vi: "Chỉ đạo", en: "Directive" })}</th>
              <th scope="col">{t({ vi: "Đơn vị thực hiện", en: "Owner" })}</th>
              <th scope="col">{t({ vi: "Hạn", en: "Due" })}</th>
              <th scope="col">{t({ vi: "Tình trạng", en: "Status" })}</th>
              <th scope="col">{t({ vi: "Theo dõi", en: "Follow-up" })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ issuing, directive }) => {
              const status = directiveStatus(directive, conference.startDate);
              return (
                <tr key={`${issuing.id}/${directive.id}`} data-testid={`directive-${directive.id}`}>
                  <td>
                    <Link to={paths.conference(issuing.id)}>{issuing.title}</Link> ({d(issuing.startDate)})
                  </td>
                  <td>{directive.text}</td>
                  <td>{directive.addressedTo.map(nameOf).join(", ") || "—"}</td>
                  <td>{directive.dueDate ? d(directive.dueDate) : "—"}</td>
                  <td>
                    <span className={`directive-status directive-${status}`} data-testid="directive-status">
                      {t(STATUS_LABELS[status])}
                    </span>
                  </td>
                  <td>
                    {directive.followedUpBy ? (
                      <>
                        {directive.followedUpBy.conferenceId === conference.id ? (
                          t({ vi: "Tại hội nghị này", en: "At this conference" })
                        ) : (
                          <Link to={paths.conference(directive.followedUpBy.conferenceId)}>
                            {t({ vi: "Hội nghị theo dõi", en: "Following conference" })}
                          </Link>
                        )}
                        {directive.followedUpBy.note && `: ${directive.followedUpBy.note}`}
                      </>
                    ) : canWrite ? (
                      <RecordFollowUp issuingId={issuing.id} directive={directive} conference={conference} />
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RecordFollowUp({
  issuingId,
  directive,
  conference,
}: {
  issuingId: string;
  directive: Directive;
  conference: Conference;
}) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = `follow-up-note-${directive.id}`;

  const record = async () => {
    setProblem(null);
    setBusy(true);
    try {
      // The issuing record as it is now, so that its ETag guards against a change made meanwhile.
      const fresh = await apiRequest<Conference>(`/api/v1/conferences/${encodeURIComponent(issuingId)}`);
      const checked = validateFollowUp(fresh.data, directive.id, conference);
      if (!checked.ok) {
        setProblem(checked.message);
        return;
      }
      const followedUpBy = {
        conferenceId: conference.id,
        ...(note.trim() === "" ? {} : { note: note.trim() }),
      };
      const directives = fresh.data.directives.map((item) =>
        item.id === directive.id ? { ...checked.value, followedUpBy } : item,
      );
      const saved = await apiRequest<Conference>(`/api/v1/conferences/${encodeURIComponent(issuingId)}`, {
        method: "PATCH",
        json: { directives },
        ifMatch: fresh.etag ?? "",
      });
      queryClient.setQueryData(["conferences", "detail", issuingId], saved);
    } catch (caught) {
      setProblem(
        caught instanceof ApiRequestError
          ? caught.localized
          : { vi: "Không ghi được.", en: "Could not record." },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <label htmlFor={noteId} className="visually-hidden">
        {t({ vi: "Ghi chú theo dõi", en: "Follow-up note" })}
      </label>
      <input
        id={noteId}
        value={note}
        placeholder={t({ vi: "Ghi chú (không bắt buộc)", en: "Note (optional)" })}
        onChange={(event) => setNote(event.target.value)}
      />{" "}
      <button type="button" disabled={busy} onClick={() => void record()}>
        {t({ vi: "Ghi nhận đã theo dõi", en: "Record the follow-up" })}
      </button>
      <FieldError error={problem ? t(problem) : undefined} role="alert" />
    </div>
  );
}
