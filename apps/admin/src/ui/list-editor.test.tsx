// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it } from "vitest";
import { LocaleProvider } from "../lib/locale";
import { ListEditor } from "./list-editor";

afterEach(cleanup);

type Values = { topics: { text: string }[] };

function Topics({ initial, error }: { initial: string[]; error?: string }) {
  const { control, register } = useForm<Values>({
    defaultValues: { topics: initial.map((text) => ({ text })) },
  });
  return (
    <ListEditor
      control={control}
      name="topics"
      legend="Nội dung thảo luận"
      itemLabel={(index) => `Nội dung ${index + 1}`}
      addLabel="Thêm nội dung"
      newItem={() => ({ text: "" })}
      error={error}
      testId="topics"
    >
      {(index) => (
        <>
          <label htmlFor={`topic-${index}`}>{`Nội dung ${index + 1}`}</label>
          <input id={`topic-${index}`} {...register(`topics.${index}.text`)} />
        </>
      )}
    </ListEditor>
  );
}

function renderTopics(initial: string[], error?: string) {
  render(
    <LocaleProvider>
      <Topics initial={initial} {...(error === undefined ? {} : { error })} />
    </LocaleProvider>,
  );
}

describe("ListEditor", () => {
  it("adds a row whose first field takes the focus, in a group named after the row", async () => {
    renderTopics([]);
    expect(screen.getByText("Chưa có dòng nào.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Thêm nội dung" }));
    const input = await screen.findByLabelText("Nội dung 1");
    await expect.poll(() => document.activeElement).toBe(input);
    expect(screen.getByRole("group", { name: "Nội dung 1" })).toBeTruthy();
    expect(screen.queryByText("Chưa có dòng nào.")).toBeNull();
  });

  it("removes the row its button names, keeps the others, and leaves the focus in the list", async () => {
    renderTopics(["Một", "Hai", "Ba"]);
    fireEvent.click(screen.getByRole("button", { name: "Bỏ nội dung 2" }));
    await expect
      .poll(() => screen.getAllByRole("textbox").map((input) => (input as HTMLInputElement).value))
      .toEqual(["Một", "Ba"]);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Thêm nội dung" }));
  });

  it("shows an error about the whole list under its legend, tied to the list", () => {
    renderTopics(["Một"], "Mã chỉ đạo bị trùng");
    const list = screen.getByTestId("topics");
    expect(within(list).getByText("Mã chỉ đạo bị trùng").id).toBe(list.getAttribute("aria-describedby"));
  });
});
