// Who is signed in: the session as `GET /api/v1/auth/me` describes it, and what they may do.
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError, apiGet } from "./api";

export type Role = "system_admin" | "org_admin" | "editor" | "viewer";

/** The answer of `GET /api/v1/auth/me`. */
export type Me = {
  user: { id: string; email: string; fullName: string; role: Role; mustChangePassword: boolean };
  scope: { organizationId: string; organizationName: string } | null;
  permissions: string[];
};

export const ME_QUERY_KEY = ["auth", "me"] as const;

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: "Quản trị hệ thống", en: "System administrator" },
  org_admin: { vi: "Quản trị tổ chức", en: "Organisation administrator" },
  editor: { vi: "Biên tập viên", en: "Editor" },
  viewer: { vi: "Người xem", en: "Viewer" },
};

/** The session, or null when nobody is signed in (a 401 is an answer here, not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiGet<Me>("/api/v1/auth/me", signal);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
}

/** Whether the signed-in user holds a permission: actions they may not take are not shown. */
export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return me?.permissions.includes(permission) ?? false;
}
