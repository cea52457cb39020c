/** @jsxRuntime automatic */
// (The pragma above: run from another package's sources, by `tsx` in the news viewer's dev server and
// benchmark, this file is compiled with that package's settings, which do not reach files outside it.)
// The body of an article as readers see it: its paragraphs, headings, quotes, images and quoted
// figures. The news viewer renders published pages with it and the admin previews drafts with it,
// so what an editor sees before publishing is what readers get.
import type { BodyBlock } from "@sodoan/domain";
import { describeFigureTime, formatFigureValue } from "./figure-text.js";

/** The narrower copies the API keeps of every stored image wider than them. */
const IMAGE_WIDTHS = [320, 640, 1024] as const;
/** The body column: the full width on a phone, at most about 44rem beside nothing on a wide screen. */
const IMAGE_SIZES = "(max-width: 46rem) calc(100vw - 2rem), 44rem";
/** The address an image block names when the API stores the image (an upload). */
const STORED_IMAGE = /^\/api\/v1\/public\/images\/[^/?#]+$/;

/** What the two hosts do differently; everything else about a body is rendered the same. */
export type ArticleBodyProps = {
  body: readonly BodyBlock[];
  /**
   * Where the browser fetches an image a block names, at a width when given: the news viewer
   * serves stored images from its own origin, the admin straight from the API.
   */
  imageUrl: (src: string, width?: number) => string;
  /**
   * The address of the provenance page of the n-th quoted figure (from 1). Without it (a preview
   * of an unpublished article, which has no such page) a figure carries no source link.
   */
  figureHref?: ((n: number) => string) | undefined;
};

/**
 * Whether the API stores the image a block names, and so serves narrower copies of it.
 * @example isStoredImage("/api/v1/public/images/3f2a") // true
 */
export function isStoredImage(src: string): boolean {
  return STORED_IMAGE.test(src);
}

/**
 * An article's body blocks in their order, inside `<div class="article-body">`.
 * @example renderToStaticMarkup(<ArticleBody body={article.body} imageUrl={(src) => src} />)
 */
export function ArticleBody({ body, imageUrl, figureHref }: ArticleBodyProps) {
  let figureNumber = 0;
  return (
    <div className="article-body">
      {body.map((block, index) => {
        if (block.type === "figure") figureNumber += 1;
        const href = block.type === "figure" ? figureHref?.(figureNumber) : undefined;
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no ids, and a block holds no state to lose when the editor moves one
        return <Block key={index} block={block} imageUrl={imageUrl} figureHref={href} />;
      })}
    </div>
  );
}

function Block({
  block,
  imageUrl,
  figureHref,
}: {
  block: BodyBlock;
  imageUrl: ArticleBodyProps["imageUrl"];
  figureHref: string | undefined;
}) {
  switch (block.type) {
    case "paragraph":
      return <p>{block.text}</p>;
    case "heading":
      return block.level === 2 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>;
    case "quote":
      return (
        <blockquote>
          <p>{block.text}</p>
          {block.attribution && <footer>— {block.attribution}</footer>}
        </blockquote>
      );
    case "image":
      return <ArticleImage block={block} imageUrl={imageUrl} />;
    case "figure":
      return (
        <aside className="quoted-figure" aria-label="Số liệu">
          <p>
            <strong className="figure-value">
              {formatFigureValue(block.figure.value, block.figure.unit)}
            </strong>{" "}
            {block.label} <span className="figure-time">({describeFigureTime(block.figure)})</span>
          </p>
          {figureHref !== undefined && (
            <p className="figure-source">
              <a href={figureHref}>Nguồn số liệu</a>
            </p>
          )}
        </aside>
      );
  }
}

function ArticleImage({
  block,
  imageUrl,
}: {
  block: Extract<BodyBlock, { type: "image" }>;
  imageUrl: ArticleBodyProps["imageUrl"];
}) {
  const widths = isStoredImage(block.src)
    ? [...IMAGE_WIDTHS.filter((width) => width < block.width), block.width]
    : [];
  // The 640 px copy suits most phones; a smaller original is sent as it is.
  const fallback = widths.find((width) => width >= 640) ?? block.width;
  return (
    <figure className="article-image">
      <img
        src={imageUrl(block.src, widths.length > 0 ? fallback : undefined)}
        {...(widths.length > 1
          ? {
              srcSet: widths.map((width) => `${imageUrl(block.src, width)} ${width}w`).join(", "),
              sizes: IMAGE_SIZES,
            }
          : {})}
        width={block.width}
        height={block.height}
        alt={block.alt}
        loading="lazy"
        decoding="async"
      />
      {(block.caption || block.credit) && (
        <figcaption>
          {block.caption}
          {block.credit && <span className="image-credit"> Ảnh: {block.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
