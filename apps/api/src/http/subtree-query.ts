// The query parameters that narrow a list or a search to an organisation's subtree on a date.

import { z } from "@hono/zod-openapi";
import { CalendarDateSchema } from "@sodoan/domain";

/** `organizationId` and `asOf`, spread into a query schema's `extend`. */
export const subtreeQueryFields = {
  organizationId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "Tổ chức và cấp dưới vào asOf / The organisation and its subtree as of asOf" }),
  asOf: CalendarDateSchema.optional().openapi({ description: "Mặc định hôm nay / Default today" }),
};
