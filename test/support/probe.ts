/** What a probe of `url` sees: the status and JSON body, or `refused` when nothing answers. */
export async function probe(url: string): Promise<{ status: number; body: unknown } | 'refused'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
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

/** The status code of a probe, 0 when nothing answers. */
export async function statusOf(url: string): Promise<number> {
  const seen = await probe(url);
  return seen === 'refused' ? 0 : seen.status;
}
