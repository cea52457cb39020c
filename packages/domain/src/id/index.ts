// Identifiers of stored records, shared by every module.
import { z } from "zod";

/**
 * The id of a stored record: any non-empty string (the API chooses the format).
 * @example IdSchema.parse("org-soc-trang")
 */
export const IdSchema = z.string().min(1);
export type Id = z.infer<typeof IdSchema>;
