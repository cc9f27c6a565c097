// Point picking on a map for the places of an action: an alternative to the BAN suggestions and to typing
// coordinates (which stay the keyboard and screen-reader way). Each picker fills its form's latitude/longitude.
(function () {
  "use strict";
  const FRANCE = [46.6, 2.4];

  function input(prefix, name) { return document.getElementById("id_" + prefix + "-" + name); }

  function setUp(picker) {
    if (!window.L || picker.dataset.ready) { return; }
    picker.dataset.ready = "1";
    picker.hidden = false;
    const prefix = picker.dataset.placePicker;
    const toggle = picker.querySelector("[data-place-picker-toggle]");
    const box = picker.querySelector(".place-picker-map");
    let map = null;
    let marker = null;

    function place(latlng, zoom) {
      if (marker) { marker.setLatLng(latlng); } else { marker = window.L.marker(latlng).addTo(map); }
      map.setView(latlng, zoom || map.getZoom());
    }

    toggle.addEventListener("click", function () {
      const open = box.hidden;
      box.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (!open || map) { if (map) { map.invalidateSize(); } return; }
      map = window.L.map(box);
      window.L.tileLayer(picker.dataset.tileUrl, { maxZoom: 19, attribution: picker.dataset.tileAttribution }).addTo(map);
      const lat = parseFloat(input(prefix, "latitude").value);
      const lon = parseFloat(input(prefix, "longitude").value);
      // Without a point yet, open on the centre of the collectivité rather than on the whole of France.
      const home = [parseFloat(picker.dataset.centerLat), parseFloat(picker.dataset.centerLon)];
      if (Number.isFinite(lat) && Number.isFinite(lon)) { place([lat, lon], 15); }
      else if (home.every(Number.isFinite)) { map.setView(home, 13); }
      else { map.setView(FRANCE, 5); }
      map.on("click", function (event) {
        place(event.latlng);
        input(prefix, "latitude").value = event.latlng.lat.toFixed(6);
        input(prefix, "longitude").value = event.latlng.lng.toFixed(6);
        const source = input(prefix, "geocoding_source");
        if (source) { source.value = "manual"; }
      });
    });
  }

  function setUpAll(root) { root.querySelectorAll("[data-place-picker]").forEach(setUp); }
  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  // Places added with "Ajouter un lieu" come from a template: set their picker up when they appear.
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(function (node) { if (node.querySelectorAll) { setUpAll(node); } });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
