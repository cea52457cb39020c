// Turns a page into the HTML document sent to readers: static markup, no hydration, no script.
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

export function renderDocument(page: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(page)}`;
}
