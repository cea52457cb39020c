// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LocaleProvider } from "../lib/locale";
import { EMPTY_EVENT_VALUES, eventInputOf } from "../lib/member-events";
import { EventForm } from "./member-detail";

afterEach(cleanup);

describe("the event form", () => {
  it("asks for the fields of the chosen event", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
    render(
      <LocaleProvider>
        <QueryClientProvider client={client}>
          <EventForm id="m-1" />
        </QueryClientProvider>
      </LocaleProvider>,
    );
    expect(screen.getByLabelText("Năm")).toBeTruthy();
    expect(screen.queryByLabelText("Hình thức khen thưởng")).toBeNull();
    fireEvent.change(screen.getByLabelText("Loại sự kiện"), { target: { value: "rewarded" } });
    expect(await screen.findByLabelText("Hình thức khen thưởng")).toBeTruthy();
    expect(screen.queryByLabelText("Năm")).toBeNull();
  });
});

describe("eventInputOf", () => {
  it("reads typed dates and years, and leaves out empty and foreign fields", () => {
    expect(
      eventInputOf({
        ...EMPTY_EVENT_VALUES,
        type: "activity_postponed",
        effectiveDate: "01/03/2017",
        until: "28/02/2018",
        title: "x",
      }),
    ).toEqual({
      type: "activity_postponed",
      effectiveDate: "2017-03-01",
      until: "2018-02-28",
    });
    expect(
      eventInputOf({
        ...EMPTY_EVENT_VALUES,
        type: "rated",
        effectiveDate: "31/12/2017",
        year: "2017",
        level: "Xuất sắc",
      }),
    ).toEqual({
      type: "rated",
      effectiveDate: "2017-12-31",
      year: 2017,
      level: "Xuất sắc",
    });
  });

  it("adds the unit a transfer leaves, and voids with the date of the voided event", () => {
    const events = [
      { id: "e-1", type: "rewarded", effectiveDate: "2017-03-01", recordedAt: "2017-03-02T00:00:00Z" },
    ];
    expect(
      eventInputOf(
        { ...EMPTY_EVENT_VALUES, type: "transfer_out", effectiveDate: "01/02/2025", toUnitId: "chi-doan-b" },
        { homeUnitId: "chi-doan-a", events },
      ),
    ).toEqual({
      type: "transfer_out",
      effectiveDate: "2025-02-01",
      toUnitId: "chi-doan-b",
      fromUnitId: "chi-doan-a",
    });
    expect(
      eventInputOf(
        {
          ...EMPTY_EVENT_VALUES,
          type: "corrected",
          effectiveDate: "",
          targetEventId: "e-1",
          reason: "Ghi nhầm",
        },
        { homeUnitId: "chi-doan-a", events },
      ),
    ).toEqual({
      type: "corrected",
      effectiveDate: "2017-03-01",
      targetEventId: "e-1",
      reason: "Ghi nhầm",
      replacement: null,
    });
  });
});
