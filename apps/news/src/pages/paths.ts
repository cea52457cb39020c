// The site's addresses, in one place: every page links through these, so a route and its links agree.
import { slugify } from "@sodoan/domain";

/** Article pages live at /bai-viet/<slug>. */
export function articlePath(slug: string): string {
  return `/bai-viet/${encodeURIComponent(slug)}`;
}

/** A category's pages, by its name folded to ASCII; page 1 has no `trang`. */
export function categoryPath(category: string, page = 1): string {
  const path = `/chuyen-muc/${slugify(category)}`;
  return page > 1 ? `${path}?trang=${page}` : path;
}

/** The provenance page of the n-th figure (from 1) an article quotes. */
export function figurePath(slug: string, n: number): string {
  return `${articlePath(slug)}/so-lieu/${n}`;
}

export function conferencePath(id: string): string {
  return `/hoi-nghi/${encodeURIComponent(id)}`;
}

/** An organisation's public page, with its aggregate figures. */
export function organizationPath(id: string): string {
  return `/to-chuc/${encodeURIComponent(id)}`;
}

export function searchPath(q: string, page = 1): string {
  const query = new URLSearchParams({ q });
  if (page > 1) query.set("trang", String(page));
  return `/tim-kiem?${query}`;
}

export function commentPath(slug: string): string {
  return `${articlePath(slug)}/binh-luan`;
}

/** The Atom feed of the site, or of one category. */
export function feedPath(category?: string): string {
  return category === undefined ? "/feed.xml" : `${categoryPath(category)}/feed.xml`;
}

/** Images stored by the API, which readers reach through this site. */
const API_IMAGE = /^\/api\/v1\/public\/images\/([^/?#]+)$/;

/** The site's address of an article image, at a width when given; other sources are left as they are. */
export function imagePath(src: string, width?: number): string {
  const id = API_IMAGE.exec(src)?.[1];
  if (id === undefined) return src;
  return width === undefined ? `/anh/${id}` : `/anh/${id}?w=${width}`;
}
