/** What a probe of `url` sees: the status and JSON body, or `refused` when nothing answers in time. */
export async function probe(url: string, timeoutMs = 2_000): Promise<{ status: number; body: unknown } | 'refused'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { status: response.status, body };
  } catch {
    return 'refused';
  }
}

/** The status code of a probe, 0 when nothing answers in time. */
export async function statusOf(url: string, timeoutMs = 2_000): Promise<number> {
  const seen = await probe(url, timeoutMs);
  return seen === 'refused' ? 0 : seen.status;
}
