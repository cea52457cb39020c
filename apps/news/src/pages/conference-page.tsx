// A conference record as the public sees it: who held it and when, who chaired and spoke, the
// documents it reviewed, what it concluded and directed, and the articles that report on it.
import {
  CONFERENCE_KIND_LABELS,
  citeDocument,
  formatDate,
  SESSION_LABELS,
  type Session,
  SessionSchema,
} from "@sodoan/domain";
import type { PublicConference } from "../server/api-client";
import { articlePath, organizationPath } from "./paths";

type Person = PublicConference["chairs"][number];

export function ConferencePage({ conference }: { conference: PublicConference }) {
  const session = SessionSchema.safeParse(conference.session);
  const documents = conference.documentsReviewed.map(asDocument);
  return (
    <article aria-labelledby="tieu-de">
      <p className="article-meta">{CONFERENCE_KIND_LABELS[conference.kind].vi}</p>
      <h1 id="tieu-de" className="page-title">
        {conference.title}
      </h1>
      <dl className="facts">
        <div>
          <dt>Đơn vị tổ chức</dt>
          <dd>
            <a href={organizationPath(conference.organizerId)}>{conference.organizerName}</a>
          </dd>
        </div>
        <div>
          <dt>Thời gian</dt>
          <dd>
            {session.success && `${sessionLabel(session.data)} `}
            {conferenceDates(conference)}
          </dd>
        </div>
        {conference.place && (
          <div>
            <dt>Địa điểm</dt>
            <dd>{conference.place}</dd>
          </div>
        )}
      </dl>
      <People heading="Chủ trì" people={conference.chairs} id="chu-tri" />
      <People heading="Phát biểu" people={conference.speakers} id="phat-bieu" />
      {documents.length > 0 && (
        <section aria-labelledby="van-ban">
          <h2 id="van-ban">Văn bản được xem xét</h2>
          <ul>
            {documents.map((document) => (
              <li key={document.symbol}>
                <strong>{citeDocument(document.symbol).vi}</strong>
                {document.date && ` ngày ${formatDate(document.date, "vi")}`}
                {document.title && ` — ${document.title}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <TextList heading="Nội dung thảo luận" items={conference.topics} id="noi-dung-thao-luan" />
      <TextList heading="Kết luận" items={conference.conclusions} id="ket-luan" />
      {conference.directives.length > 0 && (
        <section aria-labelledby="chi-dao">
          <h2 id="chi-dao">Chỉ đạo</h2>
          <ul>
            {conference.directives.map((directive) => (
              <li key={directive.text}>
                {directive.text}
                {directive.dueDate && ` (hạn ${formatDate(directive.dueDate, "vi")})`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {conference.articles.length > 0 && (
        <section aria-labelledby="bai-dua-tin">
          <h2 id="bai-dua-tin">Bài viết đưa tin</h2>
          <ul>
            {conference.articles.map((item) => (
              <li key={item.slug}>
                <a href={articlePath(item.slug)}>{item.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function sessionLabel(session: Session): string {
  return SESSION_LABELS[session].vi;
}

/** "25/11/2021", or "từ 10/12/2022 đến 12/12/2022" for a congress over several days. */
export function conferenceDates({ startDate, endDate }: Pick<PublicConference, "startDate" | "endDate">) {
  return startDate === endDate
    ? `ngày ${formatDate(startDate, "vi")}`
    : `từ ${formatDate(startDate, "vi")} đến ${formatDate(endDate, "vi")}`;
}

function People({ heading, people, id }: { heading: string; people: Person[]; id: string }) {
  if (people.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul>
        {people.map((person) => (
          <li key={`${person.fullName}-${person.title ?? ""}`}>
            <strong>{person.fullName}</strong>
            {[person.title, person.organizationName].filter(Boolean).length > 0 &&
              `, ${[person.title, person.organizationName].filter(Boolean).join(", ")}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function TextList({ heading, items, id }: { heading: string; items: string[]; id: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

/** The API sends documents as loose records; a page reads only what a citation has. */
function asDocument(record: Record<string, unknown>): { symbol: string; date?: string; title?: string } {
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const date = text(record.date);
  const title = text(record.title);
  return { symbol: text(record.symbol) ?? "", ...(date ? { date } : {}), ...(title ? { title } : {}) };
}
