// What the browser tests share: the demo accounts, signing in through the page, and arranging data
// over HTTP with a session of the same account.
import { launchBrowser, signIn } from "@sodoan/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** The demo accounts the demo data loads (README lists them). */
export const ACCOUNTS = {
  systemAdmin: { email: "admin@sodoan.vn", password: "sodoan-admin" },
  blocAdmin: { email: "soctrang@sodoan.vn", password: "sodoan-soctrang" },
  editor: { email: "hanam@sodoan.vn", password: "sodoan-hanam" },
  viewer: { email: "viewer@sodoan.vn", password: "sodoan-viewer" },
} as const;

/**
 * The test file's browser, launched before its tests and closed after them; call it at the top of
 * the file, and the function it returns inside the tests. A first launch on a new machine builds
 * Chromium's caches while the other packages' tests share the cores: a minute is not always enough.
 */
export function fileBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error("The browser is launched before the file's tests");
    return browser;
  };
}

/** Signs in through the sign-in page and waits for the signed-in navigation. */
export async function signInPage(page: Page, adminUrl: string, account: { email: string; password: string }) {
  await page.goto(`${adminUrl}/dang-nhap`);
  await page.getByLabel("Thư điện tử").fill(account.email);
  await page.getByLabel("Mật khẩu").fill(account.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByTestId("session").waitFor();
}

export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

/** A JSON client of the API signed in as an account, to arrange a test's data. */
export async function apiClient(apiUrl: string, account: { email: string; password: string }) {
  const cookie = await signIn(apiUrl, account.email, account.password);
  return async function call<T>(
    path: string,
    init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${apiUrl}${path}`, {
      method: init.method ?? "GET",
      headers: {
        Cookie: cookie,
        ...(init.json === undefined ? {} : { "Content-Type": "application/json" }),
        ...init.headers,
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
    const body = (await response.json()) as T;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
}

/** A branch of an organisation with the grassroots organisation above it. */
export type Branch = { id: string; parentId: string | null; name: string };

/**
 * The first branch the bloc administrator's scope (the demo data's Sóc Trăng Enterprise Bloc) held
 * on a date, with the grassroots organisation above it: demo records, to be read, never changed.
 */
export async function branchOfBloc(call: ApiClient, asOf: string): Promise<Branch> {
  const { items } = await call<{ items: Branch[] }>(
    `/api/v1/organizations?level=branch&asOf=${asOf}&pageSize=20`,
  );
  const branch = items.find((item) => item.parentId !== null);
  if (!branch) throw new Error("The bloc has no branch in the demo data");
  return branch;
}

/** A fresh browser context (its own cookies) signed in as an account, closed after `use`. */
export async function withSignedInPage(
  browser: Browser,
  adminUrl: string,
  account: { email: string; password: string },
  use: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInPage(page, adminUrl, account);
    await use(page);
  } finally {
    await context.close();
  }
}
