// leaflet.markercluster extends the global `L`: make sure it is there before that plug-in runs.
import L from 'leaflet';

window.L = L;
export default L;
