// One editable list of a react-hook-form form: a fieldset whose rows the caller draws, a button to
// add a row (its first field takes the focus) and one to remove each row, named after the row.
import { type ReactNode, useRef } from "react";
import {
  type ArrayPath,
  type Control,
  type FieldArray,
  type FieldArrayWithId,
  type FieldValues,
  useFieldArray,
} from "react-hook-form";
import { useLocale } from "../lib/locale";
import { FieldError } from "./field-error";

export function ListEditor<T extends FieldValues, N extends ArrayPath<T>>({
  control,
  name,
  legend,
  itemLabel,
  addLabel,
  newItem,
  error,
  testId,
  children,
}: {
  control: Control<T>;
  name: N;
  legend: string;
  /** The row's name for its remove button and its group, e.g. "Chỉ đạo 2". */
  itemLabel: (index: number) => string;
  addLabel: string;
  newItem: () => FieldArray<T, N>;
  /** An error about the list as a whole (none given, too many), shown under the legend. */
  error?: string | undefined;
  testId?: string;
  children: (index: number, field: FieldArrayWithId<T, N>) => ReactNode;
}) {
  const { t } = useLocale();
  const { fields, append, remove } = useFieldArray({ control, name });
  const addButton = useRef<HTMLButtonElement>(null);
  const errorId = `${testId ?? name}-list-error`;
  return (
    <fieldset
      className="panel"
      data-testid={testId}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      <FieldError id={errorId} error={error} />
      {fields.length === 0 && <p className="hint">{t({ vi: "Chưa có dòng nào.", en: "No rows yet." })}</p>}
      {fields.map((field, index) => (
        // A fieldset per row, so that a screen reader says which row a field belongs to.
        <fieldset className="row" key={field.id}>
          <legend className="visually-hidden">{itemLabel(index)}</legend>
          {children(index, field)}
          <button
            type="button"
            onClick={() => {
              remove(index);
              // The removed row took the focus with it: give it to the add button, still in the list.
              addButton.current?.focus();
            }}
          >
            {t({ vi: "Bỏ", en: "Remove" })} {lowerFirst(itemLabel(index))}
          </button>
        </fieldset>
      ))}
      <button type="button" ref={addButton} onClick={() => append(newItem())}>
        {addLabel}
      </button>
    </fieldset>
  );
}

/** "Chủ trì 1" as it reads after a verb: "Bỏ chủ trì 1". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
}
