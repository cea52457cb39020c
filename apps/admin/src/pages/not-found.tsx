// A page address the admin does not have.
import { Link } from "react-router";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";

export function NotFoundPage() {
  const { t } = useLocale();
  return (
    <section className="panel">
      <h2>{t({ vi: "Không có trang này", en: "No such page" })}</h2>
      <Link to={paths.dashboard}>{t({ vi: "Về trang tổng quan", en: "Back to the dashboard" })}</Link>
    </section>
  );
}
