// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LocaleProvider } from "../lib/locale";
import { ProvenanceDisclosure } from "./dashboard";

const provenance = {
  metricId: "members.active",
  metricVersion: 1,
  organizationId: "doan-khoi",
  asOf: "2017-08-31",
  recordsCounted: 1587,
  computedAt: "2017-09-01T06:00:00Z",
  counts: { vi: "Đoàn viên trong danh sách sinh hoạt", en: "Members on the roll" },
};

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe("ProvenanceDisclosure", () => {
  it("keeps the provenance folded until asked, then says what was counted, in Vietnamese", () => {
    const { container } = render(
      <LocaleProvider>
        <ProvenanceDisclosure provenance={provenance} />
      </LocaleProvider>,
    );
    const details = container.querySelector("details");
    expect(details?.open).toBe(false);
    fireEvent.click(screen.getByText("Nguồn gốc số liệu"));
    expect(details?.open).toBe(true);
    expect(details?.textContent).toContain("Đoàn viên trong danh sách sinh hoạt");
    expect(details?.textContent).toContain("1.587");
    expect(details?.textContent).toContain("31/08/2017");
    expect(details?.textContent).toContain("13:00 01/09/2017");
  });

  it("speaks English when the reader chose it", () => {
    localStorage.setItem("sodoan.admin.locale", "en");
    render(
      <LocaleProvider>
        <ProvenanceDisclosure provenance={provenance} />
      </LocaleProvider>,
    );
    expect(screen.getByText("Where this comes from")).toBeTruthy();
    expect(screen.getByText("1,587")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
  });
});
