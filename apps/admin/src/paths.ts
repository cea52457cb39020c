// Every page's address in one place, built by functions so that a link cannot name a page that is
// not there.

export const paths = {
  login: "/dang-nhap",
  dashboard: "/",
  members: "/doan-vien",
  newMember: "/doan-vien/moi",
  importMembers: "/doan-vien/nhap-csv",
  member: (id: string) => `/doan-vien/${encodeURIComponent(id)}`,
  organizations: "/to-chuc",
  organization: (id: string) => `/to-chuc/${encodeURIComponent(id)}`,
  users: "/tai-khoan",
  referrals: "/gioi-thieu-dang",
  articles: "/bai-viet",
  newArticle: "/bai-viet/moi",
  article: (id: string) => `/bai-viet/${encodeURIComponent(id)}`,
  conferences: "/hoi-nghi",
  newConference: "/hoi-nghi/moi",
  conference: (id: string) => `/hoi-nghi/${encodeURIComponent(id)}`,
} as const;
