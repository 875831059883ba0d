// The host's API, called with the session cookie. Writes carry the session's CSRF token; a 401
// (the session expired) renews the session with the stored key once and tries again.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `the request failed (${status})`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

export class Api {
  constructor(session) {
    this.session = session;
  }

  get(path, accept = 'application/json') {
    return this.request('GET', path, undefined, undefined, accept);
  }

  send(method, path, body, contentType = 'application/json') {
    const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    return this.request(method, path, payload, contentType);
  }

  async text(path) {
    const response = await this.fetch('GET', path, undefined, undefined, 'text/plain');
    return response.text();
  }

  async request(method, path, body, contentType, accept = 'application/json') {
    const response = await this.fetch(method, path, body, contentType, accept);
    if (response.status === 204) return null;
    return response.json();
  }

  async fetch(method, path, body, contentType, accept, retried = false) {
    const headers = { Accept: accept };
    if (contentType && body !== undefined) headers['Content-Type'] = contentType;
    if (method !== 'GET' && this.session.csrfToken) headers['X-CSRF-Token'] = this.session.csrfToken;
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401 && !retried && (await this.session.renew())) {
      return this.fetch(method, path, body, contentType, accept, true);
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  /** Every item of a paged map query (follows `next`), handing each page to `onPage` as it arrives. */
  async pages(path, onPage, method = 'GET', body = undefined) {
    let next = path;
    let count = 0;
    while (next) {
      const page = method === 'GET' ? await this.get(next) : await this.send(method, next, body, 'application/geo+json');
      count += page.items.length;
      onPage(page.items);
      next = page.next;
    }
    return count;
  }
}
