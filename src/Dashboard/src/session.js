// Sign-in: the API key lives in this tab's sessionStorage only (gone when the tab closes) and is
// exchanged for a short-lived HttpOnly session cookie (POST /api/session), renewed before it
// ends. The key is sent only in that exchange's Authorization header, never in a URL.

const KeyName = 'urbantwin.apiKey';

export class Session {
  constructor() {
    this.view = null;
    this.renewal = null;
    this.onEnded = () => {};
  }

  get storedKey() { return sessionStorage.getItem(KeyName); }

  get csrfToken() { return this.view?.csrfToken; }

  get role() { return this.view?.role; }

  /** Areas the key is limited to, or null for every area. */
  get areas() { return this.view?.areas ?? null; }

  get isAdmin() { return this.role === 'admin'; }

  /** Admins and operators manage the fleet (operators within their areas). */
  get canManageFleet() { return this.role === 'admin' || this.role === 'operator'; }

  /** Exchanges the key for a session; throws an Error with the server's reason when refused. */
  async signIn(key) {
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      if (response.status === 401 || response.status === 403) sessionStorage.removeItem(KeyName);
      throw new Error(problem.detail ?? `sign-in failed (${response.status})`);
    }
    this.view = await response.json();
    sessionStorage.setItem(KeyName, key);
    this.scheduleRenewal();
    return this.view;
  }

  /** Opens a new session with the stored key (the cookie expired, or soon will). */
  async renew() {
    const key = this.storedKey;
    if (!key) {
      this.end();
      return false;
    }
    try {
      await this.signIn(key);
      return true;
    } catch (error) {
      if (!this.storedKey) this.end();
      return false;
    }
  }

  async signOut() {
    clearTimeout(this.renewal);
    if (this.view) {
      await fetch('/api/session', { method: 'DELETE', headers: { 'X-CSRF-Token': this.csrfToken }, credentials: 'same-origin' }).catch(() => {});
    }
    sessionStorage.removeItem(KeyName);
    this.view = null;
  }

  scheduleRenewal() {
    clearTimeout(this.renewal);
    const left = new Date(this.view.expiresAt).getTime() - Date.now();
    this.renewal = setTimeout(() => this.renew(), Math.max(1000, left * 0.8));
  }

  end() {
    clearTimeout(this.renewal);
    sessionStorage.removeItem(KeyName);
    this.view = null;
    this.onEnded();
  }
}
