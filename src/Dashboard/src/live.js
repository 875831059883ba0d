// The live feed (GET /api/live) through the browser's EventSource, authenticated by the session
// cookie. The indicator says whether it is up; when the browser gives up (the session expired,
// the node restarted) the session is renewed and the feed reopened, waiting longer each time.

const MaxBackoff = 15000;

export class LiveFeed {
  constructor(session, indicator, handlers) {
    this.session = session;
    this.indicator = indicator;
    this.handlers = handlers;
    this.source = null;
    this.backoff = 1000;
    this.retry = null;
    this.events = 0;
  }

  open() {
    this.close();
    this.show('connecting', 'Live feed: connecting…');
    const source = new EventSource('/api/live', { withCredentials: true });
    this.source = source;
    source.onopen = () => {
      this.backoff = 1000;
      this.show('up', 'Live feed: connected');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) this.reopenLater();
      else this.show('down', 'Live feed: down, reconnecting…');
    };
    source.addEventListener('twin', (event) => this.dispatch('twin', event));
    source.addEventListener('alert', (event) => this.dispatch('alert', event));
    source.addEventListener('reset', () => this.handlers.resync?.('reset'));
    source.addEventListener('lagged', () => this.handlers.resync?.('lagged'));
  }

  dispatch(name, event) {
    this.events += 1;
    this.handlers[name]?.(JSON.parse(event.data));
  }

  reopenLater() {
    this.source?.close();
    this.source = null;
    this.show('down', `Live feed: down, retrying in ${Math.round(this.backoff / 1000)} s`);
    clearTimeout(this.retry);
    this.retry = setTimeout(async () => {
      if (!(await this.session.renew())) return;
      this.open();
      this.handlers.resync?.('reconnected');
    }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, MaxBackoff);
  }

  close() {
    clearTimeout(this.retry);
    this.source?.close();
    this.source = null;
    this.show('down', 'Live feed: not connected');
  }

  show(state, text) {
    this.indicator.className = `feed feed-${state}`;
    this.indicator.dataset.state = state;
    this.indicator.textContent = text;
  }
}
