// Who is asking, and which organisations they may see: the one place where access is decided.
// Every data access outside the public endpoints takes the `Access` of its request.

/**
 * What a request may reach. Until accounts exist every caller is unrestricted; sign-in will set a
 * subtree scope here, and the queries that already take an `Access` will honour it.
 */
export type Access = { kind: "unrestricted" } | { kind: "subtree"; organizationIds: readonly string[] };

/** The access of a request made before sign-in existed, and of trusted jobs such as the demo seed. */
export const UNRESTRICTED: Access = { kind: "unrestricted" };
