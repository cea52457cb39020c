// The demo accounts: one of each role, scoped to organisations the demo data holds. The README lists
// them; they exist only where the demo data was loaded.
import { SOC_TRANG } from "@sodoan/domain/reference";
import { eq } from "drizzle-orm";
import { hashPassword } from "../auth/passwords.js";
import type { Role } from "../auth/roles.js";
import { openSession } from "../auth/sessions.js";
import type { Db } from "../db/client.js";
import { appUser } from "../db/schema/index.js";
import type { SeedClient } from "./client.js";

export type DemoAccount = {
  role: Role;
  email: string;
  password: string;
  fullName: string;
  organizationId: string | null;
};

export const DEMO_ADMINISTRATOR: DemoAccount = {
  role: "system_admin",
  email: "admin@sodoan.vn",
  password: "sodoan-admin",
  fullName: "Quản trị hệ thống",
  organizationId: null,
};

/** The accounts the demo administrator creates once the organisations exist. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: "org_admin",
    email: "soctrang@sodoan.vn",
    password: "sodoan-soctrang",
    fullName: "Lý Thị Kim Ngân",
    organizationId: SOC_TRANG.blocId,
  },
  {
    role: "editor",
    email: "hanam@sodoan.vn",
    password: "sodoan-hanam",
    fullName: "Đỗ Thu Hường",
    organizationId: "tinh-doan-ha-nam",
  },
  {
    role: "viewer",
    email: "viewer@sodoan.vn",
    password: "sodoan-viewer",
    fullName: "Trương Minh Tâm",
    organizationId: SOC_TRANG.provinceId,
  },
];

/**
 * The demo administrator (created unless the email is taken) and a session of theirs, as its
 * token: the seed writes through the routes as that person, so the audit trail says who loaded the
 * demo data. The seed closes the session when it is done.
 */
export async function openDemoAdministratorSession(db: Db, now: Date): Promise<string> {
  let [row] = await db.select().from(appUser).where(eq(appUser.email, DEMO_ADMINISTRATOR.email));
  if (row === undefined) {
    const at = now.toISOString();
    [row] = await db
      .insert(appUser)
      .values({
        email: DEMO_ADMINISTRATOR.email,
        fullName: DEMO_ADMINISTRATOR.fullName,
        role: DEMO_ADMINISTRATOR.role,
        organizationId: null,
        passwordHash: await hashPassword(DEMO_ADMINISTRATOR.password),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
  }
  if (row === undefined) throw new Error("Demo data: the demo administrator could not be created");
  // The seed's clock runs through past years; the session must hold on every one of them.
  return openSession(db, row.id, new Date(0), 1e14);
}

/** Creates the other demo accounts through the users route. */
export async function createDemoAccounts(client: SeedClient): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    await client.post("/api/v1/users", {
      email: account.email,
      password: account.password,
      fullName: account.fullName,
      role: account.role,
      organizationId: account.organizationId,
    });
  }
}
