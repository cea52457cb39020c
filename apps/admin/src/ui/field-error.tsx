// A field's error, shown under it and named by the field's aria-describedby through its id.

/**
 * Nothing when there is no error. The id is what the field's aria-describedby names, so a screen
 * reader reads the error with the field; the test id and the alert role are kept only where a test
 * finds the error by it or where the error comes from an action rather than from typing.
 */
export function FieldError({
  id,
  error,
  testId,
  role,
}: {
  id?: string | undefined;
  error: string | undefined;
  testId?: string;
  role?: "alert";
}) {
  if (!error) return null;
  return (
    <p id={id} className="field-error" data-testid={testId} role={role}>
      {error}
    </p>
  );
}
