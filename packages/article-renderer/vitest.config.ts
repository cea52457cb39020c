import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/article-renderer");
