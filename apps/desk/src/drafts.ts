import { useEffect, useState } from 'preact/hooks';

const PREFIX = 'plaint.desk.draft.';

export function readDraft(key: string): string {
  return sessionStorage.getItem(PREFIX + key) ?? '';
}

export function dropDraft(key: string): void {
  sessionStorage.removeItem(PREFIX + key);
}

/**
 * A text field's value kept in sessionStorage as it is typed, so that nothing is lost to a
 * refused action, an expired session or a reload. Dropped once the server has taken it.
 */
export function useDraft(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => readDraft(key));
  useEffect(() => setValue(readDraft(key)), [key]);
  const set = (next: string) => {
    setValue(next);
    if (next) sessionStorage.setItem(PREFIX + key, next);
    else dropDraft(key);
  };
  return [value, set];
}
