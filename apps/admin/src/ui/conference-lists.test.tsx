// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it } from "vitest";
import { type ConferenceFormValues, EMPTY_CONFERENCE } from "../lib/conference-form";
import type { FieldErrors } from "../lib/form-errors";
import { LocaleProvider } from "../lib/locale";
import { AttendeeList, NamedAttendeeGroups } from "./conference-lists";

afterEach(cleanup);

function Attendees({ values, errors }: { values: Partial<ConferenceFormValues>; errors: FieldErrors }) {
  const { control, register, setValue } = useForm<ConferenceFormValues>({
    defaultValues: { ...EMPTY_CONFERENCE, ...values },
  });
  return (
    <>
      <AttendeeList control={control} register={register} errors={errors} />
      <NamedAttendeeGroups control={control} register={register} setValue={setValue} errors={errors} />
    </>
  );
}

function renderAttendees(values: Partial<ConferenceFormValues>, errors: FieldErrors = {}) {
  // No request leaves: the holders of positions are not what these tests look at.
  const client = new QueryClient({ defaultOptions: { queries: { enabled: false, retry: false } } });
  render(
    <LocaleProvider>
      <QueryClientProvider client={client}>
        <Attendees values={values} errors={errors} />
      </QueryClientProvider>
    </LocaleProvider>,
  );
}

const person = (fullName: string) => ({ fullName, title: "", organizationName: "" });

describe("named attendee groups", () => {
  it("show the domain's errors on the group and the name they are about, after the described groups", () => {
    renderAttendees(
      {
        attendees: [{ description: "Đại diện Tỉnh đoàn", count: "" }],
        namedGroups: [
          { label: "Trống", people: [] },
          { label: "Khách mời", people: [person("")] },
        ],
      },
      {
        "attendees.1.people": "Cần ít nhất 1 mục / At least 1 item",
        "attendees.2.people.0.person.fullName": "Bắt buộc / Required",
      },
    );
    expect(within(screen.getByTestId("namedGroups-0-people")).getByText(/Cần ít nhất 1 mục/)).toBeTruthy();
    expect(screen.getByTestId("namedGroups-1-people-0-fullName-error").textContent).toBe(
      "Bắt buộc / Required",
    );
    expect(screen.queryByTestId("namedGroups-0-people-0-fullName-error")).toBeNull();
  });

  it("adds a group with one person to name, and people to it, and removes a group", async () => {
    renderAttendees({});
    fireEvent.click(screen.getByRole("button", { name: "Thêm nhóm đại biểu có tên" }));
    const group = await screen.findByTestId("namedGroups-0-people");
    expect(within(group).getAllByLabelText("Họ và tên")).toHaveLength(1);
    fireEvent.click(within(group).getByRole("button", { name: "Thêm đại biểu" }));
    await expect.poll(() => within(group).getAllByLabelText("Họ và tên").length).toBe(2);
    fireEvent.click(screen.getByRole("button", { name: "Bỏ nhóm đại biểu 1" }));
    await expect.poll(() => screen.queryByTestId("namedGroups-0-people")).toBeNull();
  });
});
