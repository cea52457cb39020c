// The article editor shared by the new and the edit pages: the article's fields, its body as rows
// to add, remove and move, image uploads, and the live preview beside them. Checked with the
// domain's schema before sending; the API's field errors land on the same fields.
import { ArticleCreateSchema, ArticleUpdateSchema, type LocalizedText, toVietnamDate } from "@sodoan/domain";
import { useEffect, useState } from "react";
import { type Control, useController, useFieldArray, useForm, useWatch } from "react-hook-form";
import { ApiRequestError } from "../lib/api";
import {
  type ArticleFormValues,
  type ArticleRecord,
  articleValuesOf,
  type BlockType,
  type BlockValues,
  emptyBlock,
  toArticleInput,
} from "../lib/article-input";
import type { FieldLabels } from "../lib/changed-fields";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { ArticlePreview } from "./article-preview";
import { ConferenceSelect } from "./conference-select";
import { FieldError } from "./field-error";
import { ImageUpload } from "./image-upload";
import { useOrganizations } from "./organization-select";
import { MARKED_FIELDS, SaveNotice, type SaveOutcome, staleSaveOutcome } from "./save-notice";
import { TextField } from "./text-field";

const BLOCK_LABELS: Record<BlockType, LocalizedText> = {
  paragraph: { vi: "Đoạn văn", en: "Paragraph" },
  heading: { vi: "Tiêu đề mục", en: "Heading" },
  quote: { vi: "Trích dẫn", en: "Quotation" },
  image: { vi: "Ảnh", en: "Image" },
  figure: { vi: "Số liệu trích dẫn", en: "Quoted figure" },
};

/** The article's fields by their path in the form: the fields' labels and a conflict's list. */
export const ARTICLE_FIELD_LABELS: FieldLabels<keyof ArticleFormValues> = {
  title: { vi: "Tiêu đề", en: "Title" },
  slug: { vi: "Đường dẫn", en: "Slug" },
  category: { vi: "Chuyên mục", en: "Category" },
  organizationId: { vi: "Đơn vị", en: "Organisation" },
  conferenceId: { vi: "Hội nghị được đưa tin", en: "Conference reported on" },
  lead: { vi: "Sa-pô (tóm tắt)", en: "Lead" },
  author: { vi: "Tác giả", en: "Author" },
  sourceName: { vi: "Tên nguồn", en: "Source name" },
  sourceUrl: { vi: "Địa chỉ bài gốc", en: "Original address" },
  body: { vi: "Nội dung", en: "Body" },
};

const STALE: LocalizedText = {
  vi: "Bài này vừa được người khác thay đổi. Hãy tải lại bản mới nhất: những gì bạn đang nhập được giữ nguyên.",
  en: "Someone else has just changed this article. Reload the latest version: what you typed is kept.",
};

export type ArticleFormProps = {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  initial: ArticleFormValues;
  /** The stored article's id: images can be uploaded only to an article that exists. */
  articleId?: string | undefined;
  /** Which of the domain's schemas checks the form before it is sent. */
  schema: "create" | "update";
  submitLabel: LocalizedText;
  /** Sends the input; rejects with the API's error. */
  save: (input: Record<string, unknown>) => Promise<void>;
  /** Fetches the latest version after a 412, keeping what was typed. */
  onReload?: () => Promise<unknown>;
  /**
   * Where the stored article is read, and the version whose ETag the last save sent: after a 412 the
   * notice names the fields changed since.
   */
  stored?: { url: string; read: () => ArticleRecord | undefined };
  /** Told whether the form holds unsaved changes (the page offers no publication until they are saved). */
  onDirtyChange?: (dirty: boolean) => void;
};

export function ArticleForm(props: ArticleFormProps) {
  const {
    idPrefix: p,
    initial,
    articleId,
    schema,
    submitLabel,
    save,
    onReload,
    onDirtyChange,
    stored,
  } = props;
  const { t, locale } = useLocale();
  const organizations = useOrganizations(toVietnamDate(new Date()), { includeEnded: true });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<SaveOutcome | null>(null);
  const { register, handleSubmit, control, formState, setValue, reset } = useForm<ArticleFormValues>({
    defaultValues: initial,
  });
  const { fields, append, remove, move } = useFieldArray({ control, name: "body" });
  const organization = useController({ control, name: "organizationId" });
  // Controlled like the organisation: the list arrives after the first render.
  const conference = useController({ control, name: "conferenceId" });
  const isDirty = formState.isDirty;
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);

  const submit = handleSubmit(async (values) => {
    setNotice(null);
    const input = toArticleInput(values, schema);
    const parsed = (schema === "create" ? ArticleCreateSchema : ArticleUpdateSchema).safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      setNotice(MARKED_FIELDS);
      return;
    }
    setErrors({});
    try {
      // The typed input, not the parsed one: a slug left blank is the API's to derive (and to make
      // unique), which it does only when none is sent.
      await save(input);
      reset(values);
      setNotice({ kind: "saved", text: { vi: "Đã lưu.", en: "Saved." } });
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 412)
        setNotice(
          stored
            ? await staleSaveOutcome({
                text: STALE,
                url: stored.url,
                read: stored.read(),
                valuesOf: articleValuesOf,
                labels: ARTICLE_FIELD_LABELS,
              })
            : { kind: "stale", text: STALE },
        );
      else if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setNotice({ kind: "error", text: caught.localized });
      } else setNotice({ kind: "error", text: { vi: "Không lưu được.", en: "Could not save." } });
    }
  });

  const units = organizations.data?.items ?? [];
  const addable: BlockType[] = ["paragraph", "heading", "quote", ...(articleId ? (["image"] as const) : [])];
  return (
    <div className="article-editor">
      <form onSubmit={submit} noValidate className="panel" aria-label={t(submitLabel)}>
        <TextField
          id={`${p}-title`}
          label={t(ARTICLE_FIELD_LABELS.title)}
          registration={register("title")}
          error={errors.title}
        />
        <TextField
          id={`${p}-slug`}
          label={t(ARTICLE_FIELD_LABELS.slug)}
          registration={register("slug")}
          error={errors.slug}
          hint={t({
            vi: "Chữ thường không dấu, nối bằng gạch ngang; để trống để tạo từ tiêu đề.",
            en: "Lower-case letters without accents, joined by hyphens; leave empty to make it from the title.",
          })}
        />
        <TextField
          id={`${p}-category`}
          label={t(ARTICLE_FIELD_LABELS.category)}
          registration={register("category")}
          error={errors.category}
        />
        <div className="field">
          <label htmlFor={`${p}-organizationId`}>{t(ARTICLE_FIELD_LABELS.organizationId)}</label>
          <select
            id={`${p}-organizationId`}
            // Controlled: the list arrives after the first render, and the chosen option must stay chosen.
            name={organization.field.name}
            value={organization.field.value}
            onChange={organization.field.onChange}
            onBlur={organization.field.onBlur}
            ref={organization.field.ref}
            aria-invalid={errors.organizationId ? true : undefined}
            aria-describedby={errors.organizationId ? `${p}-organizationId-error` : undefined}
          >
            <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
            {initial.organizationId !== "" && !units.some((unit) => unit.id === initial.organizationId) && (
              <option value={initial.organizationId}>{initial.organizationId}</option>
            )}
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
          <FieldError id={`${p}-organizationId-error`} error={errors.organizationId} />
        </div>
        <ConferenceSelect
          id={`${p}-conferenceId`}
          label={t(ARTICLE_FIELD_LABELS.conferenceId)}
          value={conference.field.value}
          onChange={conference.field.onChange}
          onBlur={conference.field.onBlur}
          error={errors.conferenceId}
        />
        <TextAreaField
          id={`${p}-lead`}
          label={t(ARTICLE_FIELD_LABELS.lead)}
          registration={register("lead")}
          error={errors.lead}
          rows={3}
        />
        <TextField
          id={`${p}-author`}
          label={t(ARTICLE_FIELD_LABELS.author)}
          registration={register("author")}
          error={errors.author}
        />
        <fieldset>
          <legend>{t({ vi: "Nguồn (nếu đăng lại)", en: "Source (when republished)" })}</legend>
          <TextField
            id={`${p}-source-name`}
            label={t(ARTICLE_FIELD_LABELS.sourceName)}
            registration={register("sourceName")}
            error={errors["source.name"]}
          />
          <TextField
            id={`${p}-source-url`}
            label={t(ARTICLE_FIELD_LABELS.sourceUrl)}
            registration={register("sourceUrl")}
            error={errors["source.url"]}
            type="url"
          />
        </fieldset>

        <fieldset className="body-editor">
          <legend>{t(ARTICLE_FIELD_LABELS.body)}</legend>
          <FieldError error={errors.body} />
          {fields.map((field, index) => (
            <fieldset key={field.id} className="block-row" data-testid={`block-${index}`}>
              <legend>
                {index + 1}. {t(BLOCK_LABELS[field.type])}
              </legend>
              <BlockFields
                id={`${p}-body-${index}`}
                index={index}
                type={field.type}
                register={register}
                errors={errors}
                articleId={articleId}
                control={control}
                onUploaded={(image) => {
                  const dirty = { shouldDirty: true };
                  setValue(`body.${index}.src`, image.url, dirty);
                  setValue(`body.${index}.width`, image.width, dirty);
                  setValue(`body.${index}.height`, image.height, dirty);
                }}
              />
              <div className="block-tools">
                <button type="button" disabled={index === 0} onClick={() => move(index, index - 1)}>
                  {t({ vi: "Lên", en: "Up" })}
                </button>
                <button
                  type="button"
                  disabled={index === fields.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  {t({ vi: "Xuống", en: "Down" })}
                </button>
                <button type="button" onClick={() => remove(index)}>
                  {t({ vi: "Xóa khối", en: "Remove block" })}
                </button>
              </div>
            </fieldset>
          ))}
          <div className="block-add">
            {addable.map((type) => (
              <button key={type} type="button" onClick={() => append(emptyBlock(type))}>
                {t({ vi: "Thêm", en: "Add" })} {t(BLOCK_LABELS[type]).toLocaleLowerCase(locale)}
              </button>
            ))}
          </div>
          {!articleId && (
            <p className="hint">
              {t({
                vi: "Ảnh được tải lên sau khi bài được lưu lần đầu.",
                en: "Images can be uploaded once the article is saved.",
              })}
            </p>
          )}
        </fieldset>

        <SaveNotice
          notice={notice}
          onReload={
            onReload &&
            (async () => {
              await onReload();
              // The fields the person left alone take the latest version, so that saving does not
              // undo the other change; what they typed stays, and counts as changed from there.
              const latest = stored?.read();
              if (latest !== undefined) reset(articleValuesOf(latest), { keepDirtyValues: true });
              setNotice(null);
            })
          }
        />
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t(submitLabel)}
        </button>
      </form>
      <LivePreview control={control} />
    </div>
  );
}

/** The preview, re-rendered as each value changes; kept apart so typing re-renders only it. */
function LivePreview({ control }: { control: Control<ArticleFormValues> }) {
  const [title, category, lead, body] = useWatch({ control, name: ["title", "category", "lead", "body"] });
  return <ArticlePreview title={title} category={category} lead={lead} body={body} />;
}

function BlockFields({
  id,
  index,
  type,
  register,
  errors,
  articleId,
  control,
  onUploaded,
}: {
  id: string;
  index: number;
  type: BlockType;
  register: ReturnType<typeof useForm<ArticleFormValues>>["register"];
  errors: FieldErrors;
  articleId: string | undefined;
  control: Control<ArticleFormValues>;
  onUploaded: Parameters<typeof ImageUpload>[0]["onUploaded"];
}) {
  const { t } = useLocale();
  const error = (field: keyof BlockValues) => errors[`body.${index}.${field}`];
  const src = useWatch({ control, name: `body.${index}.src` });
  const label = useWatch({ control, name: `body.${index}.label` });
  switch (type) {
    case "paragraph":
      return (
        <TextAreaField
          id={`${id}-text`}
          label={t({ vi: "Nội dung đoạn văn", en: "Paragraph text" })}
          registration={register(`body.${index}.text`)}
          error={error("text")}
          rows={4}
        />
      );
    case "heading":
      return (
        <>
          <div className="field">
            <label htmlFor={`${id}-level`}>{t({ vi: "Cấp", en: "Level" })}</label>
            <select id={`${id}-level`} {...register(`body.${index}.level`)}>
              <option value="2">{t({ vi: "Mục lớn", en: "Section" })}</option>
              <option value="3">{t({ vi: "Mục nhỏ", en: "Subsection" })}</option>
            </select>
          </div>
          <TextField
            id={`${id}-text`}
            label={t({ vi: "Tiêu đề mục", en: "Heading text" })}
            registration={register(`body.${index}.text`)}
            error={error("text")}
          />
        </>
      );
    case "quote":
      return (
        <>
          <TextAreaField
            id={`${id}-text`}
            label={t({ vi: "Lời trích", en: "Quoted words" })}
            registration={register(`body.${index}.text`)}
            error={error("text")}
            rows={3}
          />
          <TextField
            id={`${id}-attribution`}
            label={t({ vi: "Người nói", en: "Said by" })}
            registration={register(`body.${index}.attribution`)}
            error={error("attribution")}
          />
        </>
      );
    case "image":
      return (
        <>
          {articleId ? (
            <ImageUpload
              id={`${id}-file`}
              articleId={articleId}
              onUploaded={onUploaded}
              error={error("src")}
            />
          ) : (
            <FieldError error={error("src")} />
          )}
          {src !== "" && (
            <p className="hint">
              {t({ vi: "Ảnh hiện tại:", en: "Current image:" })} {src}
            </p>
          )}
          <TextField
            id={`${id}-alt`}
            label={t({ vi: "Mô tả ảnh cho người không xem được ảnh", en: "Alt text" })}
            registration={register(`body.${index}.alt`)}
            error={error("alt")}
          />
          <TextField
            id={`${id}-caption`}
            label={t({ vi: "Chú thích", en: "Caption" })}
            registration={register(`body.${index}.caption`)}
            error={error("caption")}
          />
          <TextField
            id={`${id}-credit`}
            label={t({ vi: "Người chụp / nguồn ảnh", en: "Credit" })}
            registration={register(`body.${index}.credit`)}
            error={error("credit")}
          />
        </>
      );
    case "figure":
      return (
        <p className="hint">
          {label}{" "}
          {t({
            vi: "(số liệu giữ nguyên giá trị đã tính khi trích; chỉ có thể di chuyển hoặc xóa)",
            en: "(kept at the value computed when quoted; it can only be moved or removed)",
          })}
        </p>
      );
  }
}

/** A labelled textarea registered with react-hook-form, its error tied to it like `TextField`'s. */
function TextAreaField({
  id,
  label,
  registration,
  error,
  rows,
}: {
  id: string;
  label: string;
  registration: ReturnType<ReturnType<typeof useForm<ArticleFormValues>>["register"]>;
  error?: string | undefined;
  rows: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        {...registration}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} error={error} testId={`${id}-error`} />
    </div>
  );
}
