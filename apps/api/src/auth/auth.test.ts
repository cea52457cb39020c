import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { refreshOrganizationPaths } from "../db/queries/tree.js";
import { appUser, organization, parentLink, userSession } from "../db/schema/index.js";
import { createTestDatabase, testDrivers } from "../db/test-database.js";
import type { ErrorBody } from "../errors.js";
import { json, memberInput, seedUnits, UNITS } from "../routes/member-test-data.js";
import { ensureFirstAdministrator } from "./bootstrap.js";
import { TEST_PASSWORD_COST, testSessionCookie } from "./test-session.js";

const NOW = new Date("2021-11-26T03:00:00Z");
/** A second province, outside every scope rooted in the first. */
const OTHER = { Q: "tinh-q", BQ: "chi-doan-q" } as const;

describe.each(testDrivers)("accounts and sessions on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let admin: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedUnits(database.db);
    await database.db.insert(organization).values([
      { id: OTHER.Q, name: "Tỉnh đoàn Q", level: "provincial", establishedOn: "2000-01-01" },
      { id: OTHER.BQ, name: "Chi đoàn Q", level: "branch", establishedOn: "2000-01-01" },
    ]);
    await database.db
      .insert(parentLink)
      .values({ childId: OTHER.BQ, parentId: OTHER.Q, validFrom: "2000-01-01" });
    await refreshOrganizationPaths(database.db);
    app = createApp({
      database,
      now: () => NOW,
      auth: {
        passwordCost: TEST_PASSWORD_COST,
        loginLimits: {
          perAccount: { attempts: 3, windowMs: 60_000 },
          perAddress: { attempts: 8, windowMs: 60_000 },
        },
      },
    });
    admin = await testSessionCookie(database.db);
  });
  afterAll(() => database.drop());

  /** Creates an account through the route, as the system administrator. */
  async function account(
    email: string,
    role: string,
    organizationId: string | null,
    password = "mat-khau-dai-du",
  ) {
    const response = await app.request(
      "/api/v1/users",
      json("POST", { email, fullName: "Nguyễn Thị Hoa", password, role, organizationId }, { Cookie: admin }),
    );
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string; version: number };
  }

  // Each sign-in comes from an address of its own unless a test names one, so that only the
  // tests about limits meet them.
  let addresses = 0;
  async function login(email: string, password: string, headers: Record<string, string> = {}) {
    addresses += 1;
    const from = { "X-Forwarded-For": `10.0.${Math.floor(addresses / 250)}.${addresses % 250}` };
    return app.request("/api/v1/auth/login", json("POST", { email, password }, { ...from, ...headers }));
  }

  function cookieOf(response: Response): string {
    return (response.headers.get("Set-Cookie") ?? "").split(";")[0] as string;
  }

  const me = (cookie: string) => app.request("/api/v1/auth/me", { headers: { Cookie: cookie } });

  it("signs in with the right password only, and says the same for an unknown email", async () => {
    await account("hoa@sodoan.test", "viewer", UNITS.D);
    const wrong = await login("hoa@sodoan.test", "sai-mat-khau");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    const unknown = await login("khong-co@sodoan.test", "sai-mat-khau");
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as ErrorBody).error.message).toEqual(
      ((await wrong.json()) as ErrorBody).error.message,
    );

    const right = await login(" HOA@sodoan.test ", "mat-khau-dai-du");
    expect(right.status).toBe(200);
    const cookie = right.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^sodoan_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    expect(await right.json()).toEqual({
      user: expect.objectContaining({ email: "hoa@sodoan.test", role: "viewer", mustChangePassword: false }),
      scope: { organizationId: UNITS.D, organizationName: "Huyện đoàn D" },
      permissions: ["members.read", "referrals.read", "audit.read"],
    });
  });

  it("marks the cookie Secure behind a proxy that terminated HTTPS", async () => {
    const response = await login("hoa@sodoan.test", "mat-khau-dai-du", { "X-Forwarded-Proto": "https" });
    expect(response.headers.get("Set-Cookie")).toContain("Secure");
  });

  it("answers 401 without a session and ends the session at sign-out", async () => {
    expect((await app.request("/api/v1/auth/me")).status).toBe(401);
    expect((await app.request("/api/v1/members")).status).toBe(401);
    expect((await me("sodoan_session=gia-mao")).status).toBe(401);
    const cookie = cookieOf(await login("hoa@sodoan.test", "mat-khau-dai-du"));
    expect((await me(cookie)).status).toBe(200);
    const out = await app.request("/api/v1/auth/logout", { method: "POST", headers: { Cookie: cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get("Set-Cookie")).toMatch(/sodoan_session=;.*Max-Age=0/);
    expect((await me(cookie)).status).toBe(401);
  });

  it("ends a session when its time is up, with nothing written since it was last used", async () => {
    await account("het-gio@sodoan.test", "viewer", UNITS.D);
    let clock = NOW.getTime();
    const timed = createApp({
      database,
      now: () => new Date(clock),
      auth: { passwordCost: TEST_PASSWORD_COST, sessionTtlMs: 60_000 },
    });
    const signedIn = await timed.request(
      "/api/v1/auth/login",
      json("POST", { email: "het-gio@sodoan.test", password: "mat-khau-dai-du" }),
    );
    const cookie = cookieOf(signedIn);
    const meOn = () => timed.request("/api/v1/auth/me", { headers: { Cookie: cookie } });
    expect((await meOn()).status).toBe(200);
    clock += 59_000;
    expect((await meOn()).status).toBe(200);
    clock += 1_000;
    expect((await meOn()).status).toBe(401);
  });

  it("ends a session deleted straight from the database, at the next request", async () => {
    await account("xoa-phien@sodoan.test", "viewer", UNITS.D);
    const cookie = cookieOf(await login("xoa-phien@sodoan.test", "mat-khau-dai-du"));
    expect((await me(cookie)).status).toBe(200);
    const [user] = await database.db.select().from(appUser).where(eq(appUser.email, "xoa-phien@sodoan.test"));
    await database.db.delete(userSession).where(eq(userSession.userId, user?.id ?? ""));
    expect((await me(cookie)).status).toBe(401);
  });

  it("limits sign-in attempts per account, even with the right password, and not other accounts", async () => {
    await account("limit@sodoan.test", "viewer", UNITS.D);
    const from = { "X-Forwarded-For": "203.0.113.7" };
    for (let i = 0; i < 3; i++) expect((await login("limit@sodoan.test", "sai", from)).status).toBe(401);
    const refused = await login("limit@sodoan.test", "mat-khau-dai-du", from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("RATE_LIMITED");
    expect((await login("hoa@sodoan.test", "mat-khau-dai-du", from)).status).toBe(200);
  });

  it("limits sign-in attempts per address, whichever accounts they try", async () => {
    const from = { "X-Forwarded-For": "198.51.100.1, 203.0.113.99" };
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await login(`guess${i}@sodoan.test`, "sai", from)).status);
    expect(statuses.slice(0, 8).every((status) => status === 401)).toBe(true);
    expect(statuses[8]).toBe(429);
    // Only the last entry, the one our own proxy appended, names the reader: another is not limited.
    expect(
      (await login("guess@sodoan.test", "sai", { "X-Forwarded-For": "203.0.113.99, 192.0.2.5" })).status,
    ).toBe(401);
  });

  it("changes one's password: the other sessions end, this one goes on", async () => {
    await account("doi@sodoan.test", "viewer", UNITS.D);
    const other = cookieOf(await login("doi@sodoan.test", "mat-khau-dai-du"));
    const mine = cookieOf(await login("doi@sodoan.test", "mat-khau-dai-du"));
    const wrong = await app.request(
      "/api/v1/auth/password",
      json("POST", { currentPassword: "sai", newPassword: "mat-khau-moi-dai" }, { Cookie: mine }),
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error.issues[0]?.path).toEqual(["currentPassword"]);
    const short = await app.request(
      "/api/v1/auth/password",
      json("POST", { currentPassword: "mat-khau-dai-du", newPassword: "ngan" }, { Cookie: mine }),
    );
    expect(((await short.json()) as ErrorBody).error.issues[0]?.path).toEqual(["newPassword"]);
    const changed = await app.request(
      "/api/v1/auth/password",
      json("POST", { currentPassword: "mat-khau-dai-du", newPassword: "mat-khau-moi-dai" }, { Cookie: mine }),
    );
    expect(changed.status).toBe(204);
    expect((await me(other)).status).toBe(401);
    expect((await me(cookieOf(changed))).status).toBe(200);
    expect((await login("doi@sodoan.test", "mat-khau-dai-du")).status).toBe(401);
    expect((await login("doi@sodoan.test", "mat-khau-moi-dai")).status).toBe(200);
  });

  it("issues a temporary password to an account created without one, shown in that answer only", async () => {
    const created = await app.request(
      "/api/v1/users",
      json(
        "POST",
        { email: "moi@sodoan.test", fullName: "Lê Văn Mới", role: "viewer", organizationId: UNITS.D },
        { Cookie: admin },
      ),
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      id: string;
      mustChangePassword: boolean;
      temporaryPassword: string;
    };
    expect(body).toMatchObject({ mustChangePassword: true });
    expect(body.temporaryPassword).toMatch(/^[a-z2-9]{16}$/);
    const read = await app.request(`/api/v1/users/${body.id}`, { headers: { Cookie: admin } });
    expect(await read.json()).not.toHaveProperty("temporaryPassword");
    const signedIn = await login("moi@sodoan.test", body.temporaryPassword);
    expect(
      ((await signedIn.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword,
    ).toBe(true);
  });

  it("lets an administrator issue a temporary password, ending the user's sessions", async () => {
    const user = await account("quen@sodoan.test", "viewer", UNITS.D);
    const before = cookieOf(await login("quen@sodoan.test", "mat-khau-dai-du"));
    const reset = await app.request(`/api/v1/users/${user.id}/reset-password`, {
      method: "POST",
      headers: { Cookie: admin },
    });
    expect(reset.status).toBe(200);
    const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };
    expect(temporaryPassword).toMatch(/^[a-z2-9]{16}$/);
    expect((await me(before)).status).toBe(401);
    const after = await login("quen@sodoan.test", temporaryPassword);
    expect(((await after.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(
      true,
    );
    const temporary = cookieOf(after);
    const members = () =>
      app.request(`/api/v1/members?organizationId=${UNITS.D}`, { headers: { Cookie: temporary } });
    expect((await members()).status).toBe(403);
    const changed = await app.request(
      "/api/v1/auth/password",
      json(
        "POST",
        { currentPassword: temporaryPassword, newPassword: "mat-khau-cua-toi" },
        { Cookie: temporary },
      ),
    );
    expect(changed.status).toBe(204);
    const renewed = cookieOf(changed);
    expect(
      ((await (await me(renewed)).json()) as { user: { mustChangePassword: boolean } }).user,
    ).toMatchObject({
      mustChangePassword: false,
    });
    expect(
      (await app.request(`/api/v1/members?organizationId=${UNITS.D}`, { headers: { Cookie: renewed } }))
        .status,
    ).toBe(200);
  });

  it("applies a change of scope or a disabled account at the next request", async () => {
    const user = await account("doi-pham-vi@sodoan.test", "viewer", UNITS.D);
    const cookie = cookieOf(await login("doi-pham-vi@sodoan.test", "mat-khau-dai-du"));
    const list = () =>
      app.request(`/api/v1/members?organizationId=${UNITS.D}`, { headers: { Cookie: cookie } });
    expect((await list()).status).toBe(200);
    const moved = await app.request(
      `/api/v1/users/${user.id}`,
      json("PATCH", { organizationId: OTHER.Q }, { Cookie: admin, "If-Match": `"v${user.version}"` }),
    );
    expect(moved.status).toBe(200);
    expect((await list()).status).toBe(404);
    const disabled = await app.request(
      `/api/v1/users/${user.id}`,
      json("PATCH", { disabled: true }, { Cookie: admin, "If-Match": `"v${user.version + 1}"` }),
    );
    expect(disabled.status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
    expect((await login("doi-pham-vi@sodoan.test", "mat-khau-dai-du")).status).toBe(401);
  });

  it("refuses changes sent by another site's page, and takes the admin's own", async () => {
    const body = memberInput({ cardNumber: "CSRF-1" });
    const post = (headers: Record<string, string>) =>
      app.request("http://localhost:5173/api/v1/members", json("POST", body, { Cookie: admin, ...headers }));
    expect((await post({ Origin: "https://ke-xau.example" })).status).toBe(403);
    expect((await post({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post({ "Sec-Fetch-Site": "same-site", Origin: "http://tin.localhost:5173" })).status).toBe(
      403,
    );
    const listed = await app.request("/api/v1/members?q=tran", { headers: { Cookie: admin } });
    expect(((await listed.json()) as { total: number }).total).toBe(0);
    expect((await post({ Origin: "http://localhost:5173", "Sec-Fetch-Site": "same-origin" })).status).toBe(
      201,
    );
  });

  it("never shows a page of members listed for one scope to another", async () => {
    await account("xem-q@sodoan.test", "viewer", OTHER.Q);
    const viewer = cookieOf(await login("xem-q@sodoan.test", "mat-khau-dai-du"));
    const created = await app.request(
      "/api/v1/members",
      json("POST", memberInput({ cardNumber: "PHAM-VI-1" }), { Cookie: admin }),
    );
    expect(created.status).toBe(201);
    // No write between the readings: each would be served the other's page if pages were shared.
    const totalFor = async (cookie: string) =>
      (
        (await (await app.request("/api/v1/members?q=tran", { headers: { Cookie: cookie } })).json()) as {
          total: number;
        }
      ).total;
    expect(await totalFor(admin)).toBeGreaterThan(0);
    expect(await totalFor(viewer)).toBe(0);
    expect(await totalFor(admin)).toBeGreaterThan(0);
  });

  it("lets an organisation administrator manage accounts in their subtree only", async () => {
    await account("quan-tri-d@sodoan.test", "org_admin", UNITS.D);
    const cookie = cookieOf(await login("quan-tri-d@sodoan.test", "mat-khau-dai-du"));
    const create = (role: string, organizationId: string | null) =>
      app.request(
        "/api/v1/users",
        json(
          "POST",
          {
            email: `${role}.${organizationId}@sodoan.test`,
            fullName: "Lê Văn Bình",
            password: "mat-khau-dai-du",
            role,
            organizationId,
          },
          { Cookie: cookie },
        ),
      );
    expect((await create("editor", UNITS.G)).status).toBe(201);
    expect((await create("editor", OTHER.Q)).status).toBe(404);
    expect((await create("system_admin", null)).status).toBe(403);
    const listed = (await (
      await app.request("/api/v1/users?pageSize=500", { headers: { Cookie: cookie } })
    ).json()) as {
      items: { email: string; organizationId: string | null }[];
    };
    expect(listed.items.length).toBeGreaterThan(0);
    expect(
      listed.items.every((user) => user.organizationId !== null && user.organizationId !== OTHER.Q),
    ).toBe(true);
    const viewer = cookieOf(await login("hoa@sodoan.test", "mat-khau-dai-du"));
    expect((await app.request("/api/v1/users", { headers: { Cookie: viewer } })).status).toBe(403);
  });

  it("creates the first system administrator once, on a database without accounts", async () => {
    const fresh = await createTestDatabase(driver);
    try {
      const credentials = { email: "Dau-Tien@sodoan.test", password: "mat-khau-dau-tien" };
      expect(await ensureFirstAdministrator(fresh, credentials, NOW, TEST_PASSWORD_COST)).toBe(true);
      expect(
        await ensureFirstAdministrator(
          fresh,
          { ...credentials, password: "khac-han-roi" },
          NOW,
          TEST_PASSWORD_COST,
        ),
      ).toBe(false);
      const rows = await fresh.db.select().from(appUser).where(eq(appUser.email, "dau-tien@sodoan.test"));
      expect(rows.map((row) => row.role)).toEqual(["system_admin"]);
      expect(rows[0]?.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    } finally {
      await fresh.drop();
    }
  });
});
