// The roles a user can hold and what each may do. A role says what; the user's scope says where.

export const ROLES = ["system_admin", "org_admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Create, change and reorganise organisations, their positions, ratings and discipline. */
  "organizations.write",
  /** Read member records (never their sensitive fields: see `members.sensitive`). */
  "members.read",
  "members.write",
  /** Read the sensitive fields of members (ethnicity, religion), each read audited. */
  "members.sensitive",
  /** Anonymise a member on an erasure request: irreversible, so not part of `members.write`. */
  "members.erase",
  /** Read and advance referrals to the Party, which say a member's Party status. */
  "referrals.read",
  "referrals.write",
  /** Conferences, articles, documents and images. */
  "content.write",
  "comments.moderate",
  "users.manage",
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Each role's permissions; a new permission is given to no role until it is added here. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  // Everything in their subtree, including the accounts of people under them.
  org_admin: PERMISSIONS,
  // Articles and conferences: figures, not people.
  editor: ["content.write", "comments.moderate", "audit.read"],
  viewer: ["members.read", "referrals.read", "audit.read"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Bilingual role names, for messages and the admin screens. */
export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: "Quản trị hệ thống", en: "System administrator" },
  org_admin: { vi: "Quản trị tổ chức", en: "Organisation administrator" },
  editor: { vi: "Biên tập viên", en: "Editor" },
  viewer: { vi: "Người xem", en: "Viewer" },
};
