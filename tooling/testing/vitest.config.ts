import { defineSodoanProject } from "../../vitest.shared.ts";

export default defineSodoanProject("@sodoan/testing", { test: { include: ["src/**/*.test.ts"] } });
