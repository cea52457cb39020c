// The React rendering of an article body that the news viewer and the admin's preview share.
export { ArticleBody, type ArticleBodyProps, isStoredImage } from "./article-body.js";
export { describeFigureTime, formatFigureValue } from "./figure-text.js";
