// The admin's frame and its routes: the header and footer around every page, the sign-in page in
// the first download, every other page loaded when it is first opened.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, Outlet, RouterProvider } from "react-router";
import { Bilingual } from "./bilingual";
import { LanguageSwitch } from "./language-switch";
import { LocaleProvider } from "./lib/locale";
import { LoginPage } from "./pages/login";
import { paths } from "./paths";
import { SignedInLayout } from "./signed-in-layout";

function Frame() {
  return (
    <div className="shell">
      <header className="site-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            Đ
          </span>
          <h1 className="bilingual">
            <span lang="vi">Sổ Đoàn — Quản trị</span>
            <span lang="en" className="en">
              Administration
            </span>
          </h1>
        </div>
        <LanguageSwitch />
      </header>
      <Outlet />
      <footer className="site-footer">
        <Bilingual
          text={{ vi: "Đoàn Thanh niên Cộng sản Hồ Chí Minh", en: "Ho Chi Minh Communist Youth Union" }}
          as="p"
        />
      </footer>
    </div>
  );
}

/** The routes; pages other than sign-in are separate chunks (the first load stays small). */
export const routes = [
  {
    Component: Frame,
    children: [
      { path: paths.login, Component: LoginPage },
      {
        Component: SignedInLayout,
        children: [
          {
            index: true,
            lazy: () => import("./pages/dashboard").then((m) => ({ Component: m.DashboardPage })),
          },
          {
            path: paths.members,
            lazy: () => import("./pages/members").then((m) => ({ Component: m.MembersPage })),
          },
          {
            path: paths.newMember,
            lazy: () => import("./pages/member-create").then((m) => ({ Component: m.MemberCreatePage })),
          },
          {
            path: paths.importMembers,
            lazy: () => import("./pages/member-import").then((m) => ({ Component: m.MemberImportPage })),
          },
          {
            path: "/doan-vien/:id",
            lazy: () => import("./pages/member-detail").then((m) => ({ Component: m.MemberDetailPage })),
          },
          {
            path: paths.organizations,
            lazy: () => import("./pages/organizations").then((m) => ({ Component: m.OrganizationsPage })),
          },
          {
            path: "/to-chuc/:id",
            lazy: () =>
              import("./pages/organization-detail").then((m) => ({ Component: m.OrganizationDetailPage })),
          },
          {
            path: paths.referrals,
            lazy: () => import("./pages/referrals").then((m) => ({ Component: m.ReferralsPage })),
          },
          {
            path: paths.articles,
            lazy: () => import("./pages/articles").then((m) => ({ Component: m.ArticlesPage })),
          },
          {
            path: paths.newArticle,
            lazy: () => import("./pages/article-create").then((m) => ({ Component: m.ArticleCreatePage })),
          },
          {
            path: "/bai-viet/:id",
            lazy: () => import("./pages/article-edit").then((m) => ({ Component: m.ArticleEditPage })),
          },
          {
            path: paths.conferences,
            lazy: () => import("./pages/conferences").then((m) => ({ Component: m.ConferencesPage })),
          },
          {
            path: paths.newConference,
            lazy: () => import("./pages/conference-edit").then((m) => ({ Component: m.ConferenceEditPage })),
          },
          {
            path: "/hoi-nghi/:id",
            lazy: () => import("./pages/conference-edit").then((m) => ({ Component: m.ConferenceEditPage })),
          },
          {
            path: paths.users,
            lazy: () => import("./pages/users").then((m) => ({ Component: m.UsersPage })),
          },
          {
            path: "*",
            lazy: () => import("./pages/not-found").then((m) => ({ Component: m.NotFoundPage })),
          },
        ],
      },
    ],
  },
];

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});
const router = createBrowserRouter(routes);

export function App() {
  return (
    <LocaleProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </LocaleProvider>
  );
}
