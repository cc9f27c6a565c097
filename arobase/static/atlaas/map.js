// The Atlaas map: clustered points from /api/v1/map/points, a popup per action, and the result list beside
// the map following the filters and the visible area. Without this script (or without Leaflet, or without
// tiles) the filter form and the list keep working: they are plain HTML.
(function () {
  "use strict";
  var element = document.getElementById("atlaas-map");
  if (!element || typeof window.L === "undefined" || typeof L.markerClusterGroup !== "function") return;

  var data = element.dataset;
  var status = document.getElementById("atlaas-map-status");
  var list = document.getElementById("atlaas-list");
  var follow = document.getElementById("atlaas-follow");
  var FRANCE = [[41.3, -5.2], [51.1, 9.6]];

  function say(message) { if (status) status.textContent = message; }

  var map = L.map(element, { preferCanvas: true, worldCopyJump: true });
  L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 18 }).addTo(map);

  var params = new URLSearchParams(window.location.search);
  var bbox = (params.get("bbox") || "").split(",").map(Number);
  if (bbox.length === 4 && bbox.every(isFinite)) {
    map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]);
  } else {
    map.fitBounds(FRANCE);
  }

  var clusters = L.markerClusterGroup({ chunkedLoading: true, chunkInterval: 400, showCoverageOnHover: false, maxClusterRadius: 80 });
  map.addLayer(clusters);

  function popupContent(id) {
    var box = document.createElement("div");
    box.textContent = data.labelLoading;
    fetch(data.actionApi + id, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (action) {
        box.textContent = "";
        var title = document.createElement("strong");
        title.textContent = action.title;
        var owner = document.createElement("div");
        owner.textContent = action.owner.name;
        var link = document.createElement("a");
        link.href = "/actions/" + id + "/";
        link.textContent = data.labelOpen;
        box.append(title, owner, link);
      })
      .catch(function () {
        var link = document.createElement("a");
        link.href = "/actions/" + id + "/";
        link.textContent = data.labelOpen;
        box.textContent = "";
        box.append(link);
      });
    return box;
  }

  fetch(data.pointsUrl, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (payload) {
      var markers = payload.points.map(function (point) {
        var marker = L.marker([point[1], point[2]], { title: data["labelStatus-" + point[3]] || "" });
        marker.bindPopup(function () { return popupContent(point[0]); });
        return marker;
      });
      clusters.addLayers(markers);
      element.dataset.loaded = String(payload.count);
      say(payload.count.toLocaleString("fr-FR") + " actions sur la carte.");
    })
    .catch(function () { say(""); });

  // The list beside the map follows the visible area.
  var timer = null;
  var pending = null;

  function currentBbox() {
    var b = map.getBounds();
    function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)).toFixed(4); }
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].join(",");
  }

  function loadList(page) {
    if (!list) return;
    var url = new URL(data.listUrl, window.location.href);
    var shown = new URL(window.location.href);
    if (follow && follow.checked) {
      url.searchParams.set("bbox", currentBbox());
      shown.searchParams.set("bbox", url.searchParams.get("bbox"));
    } else {
      shown.searchParams.delete("bbox");
    }
    if (page) { url.searchParams.set("page", page); shown.searchParams.set("page", page); } else { shown.searchParams.delete("page"); }
    window.history.replaceState(null, "", shown);
    if (pending) pending.abort();
    pending = new AbortController();
    list.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) { list.innerHTML = html; list.setAttribute("aria-busy", "false"); })
      .catch(function () { list.setAttribute("aria-busy", "false"); });
  }

  map.on("moveend", function () {
    if (!follow || !follow.checked) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { loadList(null); }, 350);
  });
  if (follow) follow.addEventListener("change", function () { loadList(null); });
  if (list) {
    list.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-page]");
      if (!link) return;
      event.preventDefault();
      loadList(link.dataset.page);
      var heading = document.getElementById("atlaas-list-title");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    });
  }
})();
