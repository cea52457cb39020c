// The organisation tree under the user's organisation as it stood on a chosen date; each
// organisation links to its figures on the dashboard for that date, and to its own page.
import { ORGANIZATION_LEVEL_LABELS, type OrganizationLevel } from "@sodoan/domain";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet, queryString } from "../lib/api";
import { useMe } from "../lib/auth";
import { isCalendarDate, toIsoDate } from "../lib/dates";
import { toVietnamDate } from "../lib/format";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { DateField } from "../ui/date-field";
import { ErrorNotice } from "../ui/error-notice";
import { OrganizationSelect, useOrganizations } from "../ui/organization-select";

type TreeNode = {
  id: string;
  name: string;
  level: OrganizationLevel;
  parentId: string | null;
  childrenIds: string[];
};
type Tree = { asOf: string; rootId: string; nodes: TreeNode[] };

export function OrganizationsPage() {
  const { t, d } = useLocale();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const [dateError, setDateError] = useState<string | undefined>();
  const asOf = search.get("asOf") ?? toVietnamDate();
  const scopeId = me.data?.scope?.organizationId;
  const organizations = useOrganizations(asOf);
  const rootId = search.get("org") ?? scopeId ?? organizations.data?.items[0]?.id ?? "";
  const tree = useQuery({
    queryKey: ["organizations", "tree", rootId, asOf],
    queryFn: ({ signal }) =>
      apiGet<Tree>(
        `/api/v1/organizations/${encodeURIComponent(rootId)}/tree${queryString({ asOf })}`,
        signal,
      ),
    enabled: rootId !== "",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const nextAsOf = toIsoDate(String(form.get("asOf") ?? ""));
    if (!isCalendarDate(nextAsOf)) {
      setDateError(t({ vi: "Ngày phải có dạng dd/mm/yyyy", en: "Write the date as dd/mm/yyyy" }));
      return;
    }
    setDateError(undefined);
    const next = new URLSearchParams(search);
    next.set("asOf", nextAsOf);
    const org = form.get("org");
    if (typeof org === "string" && org !== "") next.set("org", org);
    setSearch(next);
  }

  const byId = new Map(tree.data?.nodes.map((node) => [node.id, node]));
  const renderNode = (id: string) => {
    const node = byId.get(id);
    if (!node) return null;
    return (
      <li key={node.id}>
        <Link to={`${paths.dashboard}${queryString({ org: node.id, asOf })}`}>{node.name}</Link>{" "}
        <span className="subtle">({t(ORGANIZATION_LEVEL_LABELS[node.level])})</span>{" "}
        <Link
          to={`${paths.organization(node.id)}${queryString({ asOf })}`}
          aria-label={t({ vi: `Hồ sơ ${node.name}`, en: `${node.name}: details` })}
        >
          {t({ vi: "Hồ sơ", en: "Details" })}
        </Link>
        {node.childrenIds.length > 0 && <ul>{node.childrenIds.map(renderNode)}</ul>}
      </li>
    );
  };

  return (
    <section aria-labelledby="organizations-title">
      <h2 id="organizations-title">{t({ vi: "Cây tổ chức", en: "Organisation tree" })}</h2>
      <form
        className="toolbar"
        onSubmit={submit}
        aria-label={t({ vi: "Chọn ngày xem", en: "Choose the date" })}
      >
        {scopeId === undefined && (
          <OrganizationSelect
            id="tree-org"
            name="org"
            asOf={asOf}
            value={rootId}
            label={t({ vi: "Tổ chức", en: "Organisation" })}
          />
        )}
        <DateField
          id="tree-asof"
          name="asOf"
          label={t({ vi: "Vào ngày", en: "On" })}
          defaultIso={asOf}
          error={dateError}
        />
        <button type="submit">{t({ vi: "Xem", en: "Show" })}</button>
      </form>
      {tree.isError && <ErrorNotice error={tree.error} onRetry={() => void tree.refetch()} />}
      {tree.data && (
        <>
          <p className="subtle">
            {t({ vi: "Cơ cấu vào ngày", en: "The structure on" })} {d(tree.data.asOf)} ·{" "}
            {t({ vi: `${tree.data.nodes.length} tổ chức`, en: `${tree.data.nodes.length} organisations` })}
          </p>
          <ul className="tree" data-testid="organization-tree">
            {renderNode(tree.data.rootId)}
          </ul>
        </>
      )}
    </section>
  );
}
