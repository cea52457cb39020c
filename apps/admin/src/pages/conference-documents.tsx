// The documents a conference reviewed: found on file by their symbol (typed loosely), or entered
// there first when they are not yet, then cited by symbol and id.
import {
  citeDocument,
  DocumentCreateSchema,
  type DocumentReference,
  type LocalizedText,
} from "@sodoan/domain";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiRequestError, apiGet, apiRequest, queryString } from "../lib/api";
import { toIsoDate } from "../lib/dates";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { FieldError } from "../ui/field-error";

type DocumentView = { id: string; symbol: string; title: string; date?: string };

function referenceOf(document: DocumentView): DocumentReference {
  return {
    symbol: document.symbol,
    documentId: document.id,
    title: document.title,
    ...(document.date === undefined ? {} : { date: document.date }),
  };
}

export function ConferenceDocuments({
  documents,
  onChange,
  disabled,
}: {
  documents: DocumentReference[];
  onChange: (documents: DocumentReference[]) => void;
  disabled: boolean;
}) {
  const { t, d } = useLocale();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const url = `/api/v1/documents${queryString({ q, pageSize: 10 })}`;
  const found = useQuery({
    queryKey: ["documents", "search", url],
    queryFn: ({ signal }) => apiGet<{ items: DocumentView[] }>(url, signal),
    enabled: q !== "",
  });
  const add = (reference: DocumentReference) =>
    onChange([...documents.filter((item) => item.symbol !== reference.symbol), reference]);

  return (
    <fieldset className="panel" data-testid="conference-documents">
      <legend>{t({ vi: "Văn bản được xem xét", en: "Documents reviewed" })}</legend>
      <ul>
        {documents.map((reference, index) => (
          <li key={reference.symbol}>
            {t(citeDocument(reference.symbol))}
            {reference.date && ` (${d(reference.date)})`}
            {reference.title && ` — ${reference.title}`}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(documents.filter((_, i) => i !== index))}
            >
              {t({ vi: "Bỏ", en: "Remove" })}
            </button>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor="document-q">
          {t({ vi: "Tìm văn bản theo số ký hiệu hoặc trích yếu", en: "Find a document by symbol or title" })}
        </label>
        <input
          id="document-q"
          type="search"
          value={typed}
          placeholder="07-KL/TWĐTN-BTC"
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      <FieldError
        error={
          found.isError
            ? t(
                found.error instanceof ApiRequestError
                  ? found.error.localized
                  : { vi: "Không tìm được.", en: "The search failed." },
              )
            : undefined
        }
        role="alert"
      />
      {q !== "" && found.data && (
        <ul data-testid="document-results">
          {found.data.items.length === 0 && (
            <li>{t({ vi: "Không có văn bản nào khớp.", en: "No document matches." })}</li>
          )}
          {found.data.items.map((document) => (
            <li key={document.id}>
              {document.symbol} — {document.title}{" "}
              <button type="button" disabled={disabled} onClick={() => add(referenceOf(document))}>
                {t({ vi: "Chọn", en: "Choose" })} {document.symbol}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!disabled && <NewDocument onCreated={(document) => add(referenceOf(document))} />}
    </fieldset>
  );
}

/** A document not yet on file, entered with the domain's schema and then cited. */
function NewDocument({ onCreated }: { onCreated: (document: DocumentView) => void }) {
  const { t, locale } = useLocale();
  const [values, setValues] = useState({ symbol: "", title: "", date: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<LocalizedText | null>(null);
  const field = (key: keyof typeof values, label: string) => (
    <div className="field">
      <label htmlFor={`new-document-${key}`}>{label}</label>
      <input
        id={`new-document-${key}`}
        value={values[key]}
        onChange={(event) => setValues({ ...values, [key]: event.target.value })}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `new-document-${key}-error` : undefined}
      />
      <FieldError id={`new-document-${key}-error`} error={errors[key]} />
    </div>
  );
  const create = async () => {
    setNotice(null);
    const input = {
      symbol: values.symbol,
      title: values.title.trim(),
      ...(values.date.trim() === "" ? {} : { date: toIsoDate(values.date) }),
    };
    const parsed = DocumentCreateSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      return;
    }
    setErrors({});
    try {
      const created = await apiRequest<DocumentView>("/api/v1/documents", {
        method: "POST",
        json: parsed.data,
      });
      onCreated(created.data);
      setValues({ symbol: "", title: "", date: "" });
    } catch (caught) {
      if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice(caught.localized);
      } else setNotice({ vi: "Không ghi được văn bản.", en: "The document could not be recorded." });
    }
  };
  // Not a nested form (forms cannot nest): its own button sends it.
  return (
    <details>
      <summary>{t({ vi: "Văn bản chưa có trong hồ sơ? Thêm mới", en: "Not on file? Add it" })}</summary>
      {field("symbol", t({ vi: "Số ký hiệu", en: "Symbol" }))}
      {field("title", t({ vi: "Trích yếu", en: "Title" }))}
      {field("date", t({ vi: "Ngày ban hành (dd/mm/yyyy)", en: "Date (dd/mm/yyyy)" }))}
      {notice && (
        <p className="notice notice-error" role="alert">
          {t(notice)}
        </p>
      )}
      <button type="button" onClick={() => void create()}>
        {t({ vi: "Thêm văn bản và chọn", en: "Add the document and choose it" })}
      </button>
    </details>
  );
}
