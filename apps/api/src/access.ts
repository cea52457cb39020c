// Who is asking, and which organisations they may see: the one place where access is decided.
// Every data access outside the public endpoints takes the `Access` of its request.

/**
 * What a request may reach: everything, or the organisations ever in the subtree of one (its
 * `root`, as the guard found them); a subtree without a root reaches nothing.
 */
export type Access =
  | { kind: "unrestricted" }
  | { kind: "subtree"; root: string | null; organizationIds: readonly string[] };

/** The access of trusted jobs, such as the demo seed, and of a system administrator. */
export const UNRESTRICTED: Access = { kind: "unrestricted" };

/** The access of a request before its caller is known. */
export const NOTHING: Access = { kind: "subtree", root: null, organizationIds: [] };

/**
 * A short name of what an access reaches, for keys of answers computed under it. The subtree's
 * organisations follow from its root and the records, so the root names them.
 */
export function accessKey(access: Access): string {
  return access.kind === "unrestricted" ? "*" : `subtree:${access.root ?? ""}`;
}
