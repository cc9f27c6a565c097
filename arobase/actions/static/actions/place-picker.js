// Point picking on a map for the places of an action: an alternative to the BAN suggestions and to typing
// coordinates (which stay the screen-reader way). Each picker fills its form's latitude/longitude, by a click or,
// from the keyboard, by moving the map (arrows, + and −) and pressing Enter: the point goes to the centre, marked
// by a cross.
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

    const status = picker.querySelector("[data-place-picker-status]");

    function place(latlng, zoom) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = window.L.marker(latlng, { alt: "Lieu choisi", keyboard: false }).addTo(map);
      }
      map.setView(latlng, zoom || map.getZoom());
    }

    function choose(latlng) {
      place(latlng);
      input(prefix, "latitude").value = latlng.lat.toFixed(6);
      input(prefix, "longitude").value = latlng.lng.toFixed(6);
      const source = input(prefix, "geocoding_source");
      if (source) { source.value = "manual"; }
      if (status) {
        status.textContent = "Point placé : latitude " + latlng.lat.toFixed(5).replace(".", ",") +
          ", longitude " + latlng.lng.toFixed(5).replace(".", ",") + ".";
      }
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
      map.on("click", function (event) { choose(event.latlng); });
      box.addEventListener("keydown", function (event) {
        if (event.target !== box || (event.key !== "Enter" && event.key !== " ")) { return; }
        event.preventDefault();
        choose(map.getCenter());
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
