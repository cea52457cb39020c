// An article form's typed values and what the domain's schemas read: body blocks from the editor's
// rows, empty optional fields left out of a new article and cleared in an update, and a publication
// time typed in Vietnam time (UTC+7).
import type { BodyBlock } from "@sodoan/domain";
import { toIsoDate } from "./dates";

/** The kinds of block an editor adds; a quoted figure comes with the article and is kept as it is. */
export type BlockType = BodyBlock["type"];

/** One row of the body editor: every block kind's fields, so that rows can change places freely. */
export type BlockValues = {
  type: BlockType;
  text: string;
  level: "2" | "3";
  attribution: string;
  src: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  label: string;
  /** A quoted figure's frozen value and provenance, carried through unchanged. */
  figure: unknown;
};

export type ArticleFormValues = {
  title: string;
  slug: string;
  category: string;
  organizationId: string;
  lead: string;
  author: string;
  sourceName: string;
  sourceUrl: string;
  /** The conference the article reports on; empty for none. */
  conferenceId: string;
  body: BlockValues[];
};

/** The article as the API sends it back, as far as the form reads it. */
export type ArticleRecord = {
  id: string;
  title: string;
  slug: string;
  category: string;
  organizationId: string;
  lead: string;
  author?: string;
  source?: { name: string; url?: string };
  body: BodyBlock[];
  conferenceId?: string;
  status: "draft" | "scheduled" | "published" | "withdrawn";
  publishAt?: string;
  publishedAt?: string;
  withdrawnAt?: string;
  updatedAt: string;
};

/** The query of one article with its ETag, which the editor, its actions and its list share. */
export function articleQueryKey(id: string) {
  return ["articles", "detail", id] as const;
}

const EMPTY_BLOCK: BlockValues = {
  type: "paragraph",
  text: "",
  level: "2",
  attribution: "",
  src: "",
  alt: "",
  caption: "",
  credit: "",
  width: 0,
  height: 0,
  label: "",
  figure: undefined,
};

/** A new, empty row of a kind. */
export function emptyBlock(type: BlockType): BlockValues {
  return { ...EMPTY_BLOCK, type };
}

export const EMPTY_ARTICLE: ArticleFormValues = {
  title: "",
  slug: "",
  category: "",
  organizationId: "",
  lead: "",
  author: "",
  sourceName: "",
  sourceUrl: "",
  conferenceId: "",
  body: [emptyBlock("paragraph")],
};

/** A stored block as an editor's row. */
export function blockValuesOf(block: BodyBlock): BlockValues {
  switch (block.type) {
    case "paragraph":
      return { ...EMPTY_BLOCK, type: "paragraph", text: block.text };
    case "heading":
      return { ...EMPTY_BLOCK, type: "heading", text: block.text, level: block.level === 3 ? "3" : "2" };
    case "quote":
      return { ...EMPTY_BLOCK, type: "quote", text: block.text, attribution: block.attribution ?? "" };
    case "image":
      return {
        ...EMPTY_BLOCK,
        type: "image",
        src: block.src,
        alt: block.alt,
        caption: block.caption ?? "",
        credit: block.credit ?? "",
        width: block.width,
        height: block.height,
      };
    case "figure":
      return { ...EMPTY_BLOCK, type: "figure", label: block.label, figure: block.figure };
  }
}

/** A stored article as the form's starting values. */
export function articleValuesOf(article: ArticleRecord): ArticleFormValues {
  return {
    title: article.title,
    slug: article.slug,
    category: article.category,
    organizationId: article.organizationId,
    lead: article.lead,
    author: article.author ?? "",
    sourceName: article.source?.name ?? "",
    sourceUrl: article.source?.url ?? "",
    conferenceId: article.conferenceId ?? "",
    body: article.body.map(blockValuesOf),
  };
}

function present(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function withoutUndefined<T extends Record<string, unknown>>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

/** A row as the domain's block schema reads it; the schema names whatever is still missing. */
export function toBodyBlock(row: BlockValues): Record<string, unknown> {
  switch (row.type) {
    case "paragraph":
      return { type: "paragraph", text: row.text.trim() };
    case "heading":
      return { type: "heading", level: Number(row.level), text: row.text.trim() };
    case "quote":
      return withoutUndefined({
        type: "quote",
        text: row.text.trim(),
        attribution: present(row.attribution),
      });
    case "image":
      return withoutUndefined({
        type: "image",
        src: row.src,
        alt: row.alt,
        caption: present(row.caption),
        credit: present(row.credit),
        width: row.width,
        height: row.height,
      });
    case "figure":
      return { type: "figure", label: row.label, figure: row.figure };
  }
}

/**
 * The whole form as `ArticleCreateSchema` or `ArticleUpdateSchema` reads it. An optional field left
 * empty is left out of a new article, and sent as `null` in an update: an update keeps what it leaves
 * out, so only `null` clears what was stored.
 */
export function toArticleInput(
  values: ArticleFormValues,
  purpose: "create" | "update",
): Record<string, unknown> {
  const empty = purpose === "update" ? null : undefined;
  const sourceName = present(values.sourceName);
  const sourceUrl = present(values.sourceUrl);
  return withoutUndefined({
    title: values.title,
    // Never cleared: a slug left empty is the API's to derive from the title, on creation only.
    slug: present(values.slug),
    category: values.category,
    organizationId: values.organizationId,
    lead: values.lead,
    author: present(values.author) ?? empty,
    // A link without the source's name is still sent, so that the schema asks for the name.
    source:
      sourceName === undefined && sourceUrl === undefined
        ? empty
        : withoutUndefined({ name: sourceName ?? "", url: sourceUrl }),
    conferenceId: present(values.conferenceId) ?? empty,
    body: values.body.map(toBodyBlock),
  });
}

/**
 * The blocks the preview can already show, as the typed values stand: rows still empty (a
 * paragraph with no text, an image not yet uploaded) are left out rather than shown broken.
 */
export function previewBlocks(rows: readonly BlockValues[]): BodyBlock[] {
  return rows.flatMap((row): BodyBlock[] => {
    if (row.type === "image") return row.src === "" ? [] : [toBodyBlock(row) as BodyBlock];
    if (row.type === "figure") return row.figure === undefined ? [] : [toBodyBlock(row) as BodyBlock];
    return row.text.trim() === "" ? [] : [toBodyBlock(row) as BodyBlock];
  });
}

const VIETNAM_OFFSET_HOURS = 7;

/**
 * A moment typed as a date (dd/mm/yyyy) and a time (hh:mm) in Vietnam, as an ISO instant; undefined
 * when either cannot be read, for the form to say so.
 * @example toInstantFromVietnam("01/09/2017", "13:00") // "2017-09-01T06:00:00.000Z"
 */
export function toInstantFromVietnam(typedDate: string, time: string): string | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(toIsoDate(typedDate));
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!date || !clock) return undefined;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const [hours, minutes] = [Number(clock[1]), Number(clock[2])];
  if (hours > 23 || minutes > 59) return undefined;
  const moment = new Date(Date.UTC(year, month - 1, day, hours - VIETNAM_OFFSET_HOURS, minutes));
  // 31/02 rolls over into March: refuse it rather than schedule another day.
  const local = new Date(moment.getTime() + VIETNAM_OFFSET_HOURS * 3_600_000);
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return undefined;
  return moment.toISOString();
}
