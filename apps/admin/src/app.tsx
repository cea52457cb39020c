// The admin shell: header, main area and footer around whatever page is open.
import { Bilingual } from "./bilingual";
import { StatusPanel } from "./status-panel";

export function App() {
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
      </header>
      <main className="content">
        <StatusPanel />
      </main>
      <footer className="site-footer">
        <Bilingual
          text={{ vi: "Đoàn Thanh niên Cộng sản Hồ Chí Minh", en: "Ho Chi Minh Communist Youth Union" }}
          as="p"
        />
      </footer>
    </div>
  );
}
