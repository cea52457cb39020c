// A date a person types as dd/mm/yyyy; the form reads it back as yyyy-mm-dd.
import { toTypedDate } from "../lib/dates";
import { FieldError } from "./field-error";

export function DateField({
  id,
  name,
  label,
  defaultIso,
  error,
}: {
  id: string;
  name: string;
  label: string;
  defaultIso: string;
  error?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        defaultValue={toTypedDate(defaultIso)}
        key={defaultIso}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        size={12}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
