import { el, fill } from './dom.js';
import { KindNames } from './status.js';

// Managing the fleet: register an asset (its device secret is shown once), change its name and
// place, decommission it, issue its device a new secret (shown once), import many from CSV or
// GeoJSON (every bad row listed). Shown only to roles that may manage assets; the API still
// decides (an operator limited to some areas can place assets only in them).

export class FleetPanel {
  constructor(api, container, onChanged) {
    this.api = api;
    this.container = container;
    this.onChanged = onChanged;
  }

  render() {
    this.output = el('div', { className: 'fleet-output', role: 'status', 'aria-live': 'polite' });
    fill(this.container,
      el('h2', {}, 'Fleet'),
      this.output,
      this.registerForm(),
      this.editForm(),
      this.importForm());
  }

  registerForm() {
    const form = el('form', { className: 'stacked', 'aria-labelledby': 'fleet-register-title' },
      el('h3', { id: 'fleet-register-title' }, 'Register an asset'),
      field('Id', el('input', { name: 'id', required: true, pattern: '[a-z0-9][a-z0-9-]{2,63}', autocomplete: 'off' })),
      field('Kind', el('select', { name: 'kind' }, Object.entries(KindNames).map(([kind, name]) => el('option', { value: kind }, name)))),
      field('Name', el('input', { name: 'name', required: true, maxlength: 200 })),
      field('Longitude', el('input', { name: 'lon', required: true, inputmode: 'decimal' })),
      field('Latitude', el('input', { name: 'lat', required: true, inputmode: 'decimal' })),
      el('button', { type: 'submit' }, 'Register'));
    form.addEventListener('submit', (event) => this.submit(event, async (data) => {
      const answer = await this.api.send('POST', '/api/assets', {
        id: data.id, kind: data.kind, name: data.name, location: { lon: Number(data.lon), lat: Number(data.lat) },
      });
      form.reset();
      return secretShown(`Registered ${answer.asset.id} in ${answer.asset.area ?? 'no area'}.`, answer.device.deviceId, answer.device.secret);
    }));
    return form;
  }

  editForm() {
    const form = el('form', { className: 'stacked', 'aria-labelledby': 'fleet-edit-title' },
      el('h3', { id: 'fleet-edit-title' }, 'Change, decommission or re-key an asset'),
      field('Asset id', el('input', { name: 'id', required: true, autocomplete: 'off', list: 'asset-ids' })),
      el('button', { type: 'button', onclick: () => this.load(form) }, 'Load'),
      field('Name', el('input', { name: 'name', maxlength: 200 })),
      field('Longitude', el('input', { name: 'lon', inputmode: 'decimal' })),
      field('Latitude', el('input', { name: 'lat', inputmode: 'decimal' })),
      el('div', { className: 'actions' },
        el('button', { type: 'submit' }, 'Save changes'),
        el('button', { type: 'button', className: 'danger', onclick: () => this.decommission(form) }, 'Decommission'),
        el('button', { type: 'button', onclick: () => this.rotate(form) }, 'New device secret')));
    form.addEventListener('submit', (event) => this.submit(event, async (data) => {
      const current = await this.api.get(`/api/assets/${encodeURIComponent(data.id)}`);
      const answer = await this.api.send('PUT', `/api/assets/${encodeURIComponent(data.id)}`, {
        name: data.name || current.name,
        location: { lon: Number(data.lon || current.location.lon), lat: Number(data.lat || current.location.lat) },
        metadata: current.metadata,
      });
      return el('p', {}, `Saved ${answer.id}: ${answer.name}, in ${answer.area ?? 'no area'}.`);
    }));
    return form;
  }

  async load(form) {
    const id = form.elements.id.value.trim();
    await this.run(async () => {
      const asset = await this.api.get(`/api/assets/${encodeURIComponent(id)}`);
      form.elements.name.value = asset.name;
      form.elements.lon.value = asset.location.lon;
      form.elements.lat.value = asset.location.lat;
      return el('p', {}, `Loaded ${asset.id} (${asset.status}).`);
    }, false);
  }

  async decommission(form) {
    const id = form.elements.id.value.trim();
    if (!id || !window.confirm(`Decommission ${id}? Its device is refused from now on and the id is never reused.`)) return;
    await this.run(async () => {
      await this.api.send('DELETE', `/api/assets/${encodeURIComponent(id)}`);
      return el('p', {}, `Decommissioned ${id}.`);
    });
  }

  async rotate(form) {
    const id = form.elements.id.value.trim();
    if (!id) return;
    await this.run(async () => {
      const answer = await this.api.send('POST', `/api/assets/${encodeURIComponent(id)}/secret`);
      return secretShown(`New secret for ${id}; the old one no longer works.`, answer.deviceId, answer.secret);
    }, false);
  }

  importForm() {
    const form = el('form', { className: 'stacked', 'aria-labelledby': 'fleet-import-title' },
      el('h3', { id: 'fleet-import-title' }, 'Import assets'),
      field('CSV or GeoJSON file', el('input', { name: 'file', type: 'file', accept: '.csv,.geojson,.json,text/csv,application/geo+json' })),
      el('button', { type: 'submit' }, 'Import'),
      el('p', { className: 'hint' }, 'CSV: a header row with id, kind, name, lon, lat (optional deviceId, meta.<key>). Nothing is imported unless every row is right.'));
    form.addEventListener('submit', (event) => this.submit(event, async () => {
      const file = form.elements.file.files[0];
      if (!file) throw new Error('choose a file');
      const type = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/geo+json';
      const answer = await this.api.send('POST', '/api/assets/import', await file.text(), type);
      form.reset();
      return el('div', {},
        el('p', {}, `Imported ${answer.imported} assets. Their device secrets are shown this once:`),
        secretsTable(answer.assets));
    }));
    return form;
  }

  async submit(event, action) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target).entries());
    for (const key of Object.keys(data)) if (typeof data[key] === 'string') data[key] = data[key].trim();
    await this.run(() => action(data));
  }

  async run(action, changesMap = true) {
    try {
      fill(this.output, await action());
      if (changesMap) this.onChanged();
    } catch (error) {
      fill(this.output, el('p', { className: 'error', role: 'alert' }, error.message), rowErrors(error.problem?.errors));
    }
  }
}

function field(label, input) {
  const id = `fleet-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return el('p', { className: 'field' }, el('label', { for: id }, label), input);
}

function secretShown(text, deviceId, secret) {
  return el('div', { className: 'secret' },
    el('p', {}, text),
    el('p', {}, 'Device ', el('code', {}, deviceId), ' secret (shown once, copy it now): ', el('code', { className: 'secret-value' }, secret)));
}

function secretsTable(assets) {
  return el('table', { className: 'values' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Asset'), el('th', { scope: 'col' }, 'Device'), el('th', { scope: 'col' }, 'Secret'))),
    el('tbody', {}, assets.map((a) => el('tr', {}, el('td', {}, a.id), el('td', {}, a.deviceId), el('td', {}, el('code', {}, a.secret))))));
}

/** The rows an import or a request was refused for: row, id, field, reason. */
function rowErrors(errors) {
  if (!errors?.length) return null;
  return el('table', { className: 'values row-errors' },
    el('caption', {}, `${errors.length} problem${errors.length === 1 ? '' : 's'}`),
    el('thead', {}, el('tr', {}, ['Row', 'Id', 'Field', 'Reason'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, errors.slice(0, 500).map((e) => el('tr', {}, el('td', {}, e.row ?? ''), el('td', {}, e.id ?? ''), el('td', {}, e.field), el('td', {}, e.reason)))));
}
