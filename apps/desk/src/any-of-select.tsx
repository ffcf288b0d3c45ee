/** What a filter select needs: its label, the values it offers and how each reads. */
interface AnyOfSelectProps<T extends string> {
  label: string;
  /** The text of the empty choice, which filters nothing. */
  anyLabel: string;
  value: string;
  values: readonly T[];
  nameOf: (value: T) => string;
  onChange: (value: string) => void;
  testId: string;
}

/** A labelled select of one value out of a list, or none ("any"): the desk's filters. */
export function AnyOfSelect<T extends string>({ label, anyLabel, value, values, nameOf, onChange, testId }: AnyOfSelectProps<T>) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {values.map((choice) => (
          <option key={choice} value={choice}>
            {nameOf(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}
