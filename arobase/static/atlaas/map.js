// The Atlaas map: points from /api/v1/map/points clustered by supercluster, a popup per action, and the result list
// beside the map following the filters and the visible area. Without this script (or without Leaflet, or without
// tiles) the filter form and the list keep working: they are plain HTML.
//
// The points are indexed once (supercluster: 0.1–0.3 s for 24,000 points, where Leaflet.markercluster took seconds to
// build its tree of L.Marker); after each move or zoom only the clusters and points of the visible area are drawn, as
// lightweight focusable markers (a <div role="button"> each). Clustering stops at zoom 16 (it costs a tree per zoom
// level); beyond, actions at the very same place are drawn as one group whose popup lists them.
(function () {
  "use strict";
  var element = document.getElementById("atlaas-map");
  if (!element || typeof window.L === "undefined" || typeof window.Supercluster !== "function") return;

  var data = element.dataset;
  var status = document.getElementById("atlaas-map-status");
  var list = document.getElementById("atlaas-list");
  var follow = document.getElementById("atlaas-follow");
  var FRANCE = [[41.3, -5.2], [51.1, 9.6]];
  var MAX_ZOOM = 18;
  var CLUSTER_MAX_ZOOM = 16; // beyond, every action is drawn (those at the same place as one group)
  var LEAVES_SHOWN = 10;

  function say(message) { if (status) status.textContent = message; }
  function format(template, count) { return (template || "").replace("{count}", count.toLocaleString("fr-FR")); }

  var map = L.map(element, { preferCanvas: true, worldCopyJump: true, maxZoom: MAX_ZOOM });
  L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: MAX_ZOOM }).addTo(map);

  var params = new URLSearchParams(window.location.search);
  var bbox = (params.get("bbox") || "").split(",").map(Number);
  if (bbox.length === 4 && bbox.every(isFinite)) {
    map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]);
  } else {
    map.fitBounds(FRANCE);
  }

  // --- Popups ------------------------------------------------------------------------------------------------------

  function actionLink(id) {
    var link = document.createElement("a");
    link.href = "/actions/" + id + "/";
    link.textContent = data.labelOpen;
    return link;
  }

  // Fills `box` with the title, the owner and the link of an action (the link alone if the API fails).
  function fillAction(box, id) {
    box.textContent = data.labelLoading;
    return fetch(data.actionApi + id, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (action) {
        box.textContent = "";
        var title = document.createElement("strong");
        title.textContent = action.title;
        var owner = document.createElement("div");
        owner.textContent = action.owner.name;
        box.append(title, owner, actionLink(id));
      })
      .catch(function () {
        box.textContent = "";
        box.append(actionLink(id));
      });
  }

  function popupContent(id, focusLink) {
    var box = document.createElement("div");
    fillAction(box, id).then(function () { if (focusLink) focusFirstLink(box); });
    return box;
  }

  // The actions of a group that no zoom level separates (same place): listed in a popup (the first ones; the list
  // beside the map has them all).
  function leavesContent(rows, count, focusLink) {
    var box = document.createElement("div");
    var heading = document.createElement("strong");
    heading.textContent = format(data.labelCluster, count);
    var items = document.createElement("ul");
    items.className = "atlaas-popup-list";
    var loads = rows.slice(0, LEAVES_SHOWN).map(function (row) {
      var item = document.createElement("li");
      items.append(item);
      return fillAction(item, row[0]);
    });
    box.append(heading, items);
    if (count > LEAVES_SHOWN) {
      var more = document.createElement("p");
      more.textContent = data.labelMore;
      box.append(more);
    }
    Promise.all(loads).then(function () { if (focusLink) focusFirstLink(box); });
    return box;
  }

  function focusFirstLink(box) {
    var link = box.querySelector("a");
    if (link && box.isConnected) link.focus();
  }

  // --- Markers -----------------------------------------------------------------------------------------------------

  // A <div> icon with an accessible name (Leaflet gives focusable markers tabindex=0 and role=button).
  var LabelledIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var icon = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      icon.setAttribute("aria-label", this.options.label);
      icon.dataset.key = this.options.key;
      return icon;
    },
  });

  var index = null;
  var layer = L.layerGroup().addTo(map);
  var shown = new Map(); // key → marker currently on the map
  var focusNear = null; // after a cluster was opened with the keyboard: focus the marker nearest to this place
  var returnFocusTo = null; // the marker whose popup was opened with the keyboard

  // A cluster of supercluster (clusterId) or, beyond its last zoom level, actions at the very same place (rows).
  function groupMarker(latlng, count, text, key) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var label = format(data.labelCluster, count);
    var icon = new LabelledIcon({
      html: '<div><span aria-hidden="true">' + text + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
      label: label,
      key: key,
    });
    var marker = L.marker(latlng, { icon: icon, title: label, keyboard: true });
    marker.count = count;
    marker.on("click", function () { openGroup(marker, false); });
    return marker;
  }

  // Points are named by the title of their action: the compact points have none, so the titles of the points
  // drawn are asked for in one request after each drawing, and kept.
  var titles = new Map(); // action id → title
  var untitled = new Map(); // action id → markers drawn before their title was known
  var asked = new Set(); // action ids whose title was asked for

  function pointLabel(row) {
    var statusText = data["labelStatus-" + row[3]] || "";
    if (titles.has(row[0])) {
      return data.labelTitledPoint.replace("{title}", titles.get(row[0])).replace("{status}", statusText);
    }
    return (data.labelPoint || "{status}").replace("{status}", statusText);
  }

  function nameMarker(marker) {
    var label = pointLabel(marker.row);
    var icon = marker.getElement();
    marker.options.title = label;
    marker.options.icon.options.label = label; // when it is drawn again
    if (icon) { icon.setAttribute("aria-label", label); icon.title = label; }
  }

  function loadTitles() {
    var ids = Array.from(untitled.keys()).filter(function (id) { return !asked.has(id); }).slice(0, 200);
    if (!ids.length || !data.titlesApi) return;
    ids.forEach(function (id) { asked.add(id); });
    fetch(data.titlesApi + "?ids=" + ids.join(","), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (payload) {
        ids.forEach(function (id) {
          if (payload.titles[id] !== undefined) titles.set(id, payload.titles[id]);
          (untitled.get(id) || []).forEach(nameMarker);
          untitled.delete(id);
        });
      })
      .catch(function () { /* the points keep their status as their name */ });
  }

  function pointMarker(row, key) {
    var label = pointLabel(row);
    var icon = new LabelledIcon({
      html: "",
      className: "atlaas-point atlaas-point-" + row[3],
      iconSize: L.point(18, 18),
      popupAnchor: L.point(0, -6),
      label: label,
      key: key,
    });
    var marker = L.marker([row[1], row[2]], { icon: icon, title: label, keyboard: true });
    marker.row = row;
    marker.bindPopup(function () { return popupContent(row[0], marker.byKeyboard); });
    if (!titles.has(row[0])) {
      if (!untitled.has(row[0])) untitled.set(row[0], []);
      untitled.get(row[0]).push(marker);
    }
    return marker;
  }

  // A click (or Enter, Space) on a group: zoom to where supercluster splits it, or list actions at the same place.
  function openGroup(marker, byKeyboard) {
    var rows = marker.rows;
    if (!rows) {
      var zoom = index.getClusterExpansionZoom(marker.clusterId);
      if (zoom <= map.getMaxZoom() && zoom > map.getZoom()) {
        if (byKeyboard) focusNear = marker.getLatLng();
        map.setView(marker.getLatLng(), zoom);
        return;
      }
      rows = index.getLeaves(marker.clusterId, LEAVES_SHOWN).map(function (leaf) { return leaf.properties; });
    }
    L.popup({ maxHeight: 260 })
      .setLatLng(marker.getLatLng())
      .setContent(leavesContent(rows, marker.count, byKeyboard))
      .openOn(map);
  }

  // Draws the clusters and points of the visible area (a bit more, so that small moves show no gap), keeping the
  // markers already on the map (and the keyboard focus on them).
  function render() {
    if (!index) return;
    var zoom = Math.round(map.getZoom());
    var bounds = map.getBounds().pad(0.25);
    var features = index.getClusters([bounds.getWest(), Math.max(-90, bounds.getSouth()), bounds.getEast(),
      Math.min(90, bounds.getNorth())], zoom);
    var next = new Map();
    var places = zoom > CLUSTER_MAX_ZOOM ? new Map() : null; // beyond clustering: actions at the same place
    var i, marker;
    for (i = 0; i < features.length; i++) {
      var properties = features[i].properties;
      if (properties.cluster) {
        var key = "c" + properties.cluster_id;
        marker = shown.get(key);
        if (!marker) {
          var coordinates = features[i].geometry.coordinates;
          marker = groupMarker([coordinates[1], coordinates[0]], properties.point_count,
            properties.point_count_abbreviated, key);
          marker.clusterId = properties.cluster_id;
        }
        next.set(key, marker);
      } else if (places) {
        var place = properties[1] + "," + properties[2];
        if (places.has(place)) places.get(place).push(properties); else places.set(place, [properties]);
      } else {
        next.set("p" + properties[0], shown.get("p" + properties[0]) || pointMarker(properties, "p" + properties[0]));
      }
    }
    if (places) {
      places.forEach(function (rows) {
        var key = (rows.length > 1 ? "s" : "p") + rows[0][0];
        marker = shown.get(key);
        if (!marker && rows.length > 1) {
          marker = groupMarker([rows[0][1], rows[0][2]], rows.length, String(rows.length), key);
          marker.rows = rows;
        }
        next.set(key, marker || pointMarker(rows[0], key));
      });
    }
    shown.forEach(function (old, key) { if (next.get(key) !== old) layer.removeLayer(old); });
    next.forEach(function (current) { if (!layer.hasLayer(current)) layer.addLayer(current); });
    shown = next;
    element.dataset.zoom = String(zoom);
    loadTitles();
    if (focusNear) {
      var target = focusNear;
      var visible = map.getBounds();
      var nearest = null;
      var best = Infinity;
      focusNear = null;
      shown.forEach(function (candidate) {
        var distance = map.distance(target, candidate.getLatLng());
        if (distance < best && visible.contains(candidate.getLatLng())) { best = distance; nearest = candidate; }
      });
      if (nearest && nearest.getElement()) nearest.getElement().focus();
    }
  }

  // Enter and Space operate a focused marker (Leaflet alone handles Enter on popups only); Escape in a popup closes
  // it and brings the focus back to its marker.
  element.addEventListener("keydown", function (event) {
    var icon = event.target.closest && event.target.closest("[data-key]");
    if (icon && (event.key === "Enter" || event.key === " ")) {
      var marker = shown.get(icon.dataset.key);
      if (!marker) return;
      event.preventDefault();
      event.stopPropagation();
      returnFocusTo = marker;
      if (marker.count) {
        openGroup(marker, true);
      } else {
        marker.byKeyboard = true;
        marker.openPopup();
        marker.byKeyboard = false;
      }
      return;
    }
    if (event.key === "Escape" && event.target.closest && event.target.closest(".leaflet-popup")) {
      map.closePopup();
      var back = returnFocusTo && returnFocusTo.getElement();
      if (back && back.isConnected) back.focus(); else element.focus();
    }
  });

  // A failed answer (or an unreachable server) is said over the map, never left as an empty map.
  function showError(detail) {
    var box = document.getElementById("atlaas-map-error");
    if (!box) return;
    box.textContent = data.labelError + (detail ? " " + detail : "");
    box.hidden = false;
    say("");
  }

  fetch(data.pointsUrl, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (response.ok) return response.json();
      return response.json().catch(function () { return {}; }).then(function (body) {
        return Promise.reject(typeof body.detail === "string" ? body.detail : "");
      });
    })
    .then(function (payload) {
      // One GeoJSON feature per point, its properties being the API row itself ([id, lat, lon, status]).
      var rows = payload.points;
      var features = new Array(rows.length);
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        features[i] = { type: "Feature", properties: row, geometry: { type: "Point", coordinates: [row[2], row[1]] } };
      }
      index = new Supercluster({ radius: 60, extent: 256, maxZoom: CLUSTER_MAX_ZOOM }).load(features);
      render();
      element.dataset.loaded = String(payload.count);
      say(payload.count.toLocaleString("fr-FR") + " actions sur la carte.");
    })
    .catch(function (detail) { showError(typeof detail === "string" ? detail : ""); });

  map.on("moveend", render);

  // --- The list beside the map follows the visible area --------------------------------------------------------------
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
    var shownUrl = new URL(window.location.href);
    if (follow && follow.checked) {
      url.searchParams.set("bbox", currentBbox());
      shownUrl.searchParams.set("bbox", url.searchParams.get("bbox"));
    } else {
      shownUrl.searchParams.delete("bbox");
    }
    if (page) { url.searchParams.set("page", page); shownUrl.searchParams.set("page", page); } else { shownUrl.searchParams.delete("page"); }
    window.history.replaceState(null, "", shownUrl);
    if (pending) pending.abort();
    pending = new AbortController();
    list.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        list.innerHTML = html;
        list.setAttribute("aria-busy", "false");
        // Screen readers hear the new count, not the whole list again after each move of the map.
        var count = document.getElementById("atlaas-count");
        var listStatus = document.getElementById("atlaas-list-status");
        if (count && listStatus) listStatus.textContent = count.textContent;
      })
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
