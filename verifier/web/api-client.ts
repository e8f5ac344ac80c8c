/**
 * JSON calls from the pages to the service's API. A refusal arrives as `{"error": {"code", "message"}}` already in the
 * page's language (the pages pass ?lang=); it is thrown as an ApiRefusal carrying those words.
 */
export class ApiRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function callApi<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) } });
  const body = (await res.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
  if (!res.ok || body === null) throw new ApiRefusal(body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}
