// The interactive frise of /histoire/, drawn with vis-timeline from the list of the page, which stays the
// reference (and the only content without JavaScript). Keyboard: the frise is focusable; left and right arrows
// move in time, + and - zoom; Tab goes through the milestones, Enter goes to the milestone in the list.
(function () {
  "use strict";
  var container = document.getElementById("frise");
  if (!container || !window.vis || !window.vis.Timeline) return;

  var entries = document.querySelectorAll("#liste-frise .timeline-entry");
  if (!entries.length) return;
  var tracks = [];
  var items = [];
  entries.forEach(function (entry, index) {
    var track = entry.getAttribute("data-track");
    if (tracks.indexOf(track) === -1) tracks.push(track);
    var label = document.createElement("span");
    // Text only: titles come from people, never injected as HTML.
    label.textContent = entry.querySelector(".timeline-title").textContent;
    label.setAttribute("data-index", String(index));
    items.push({
      id: index,
      group: track,
      start: entry.getAttribute("data-date"),
      content: label,
      entry: entry,
      title: entry.getAttribute("data-date").slice(0, 4) + " — " + label.textContent,
    });
  });
  var trackLabels = {};
  entries.forEach(function (entry) {
    trackLabels[entry.getAttribute("data-track")] = entry.querySelector(".badge").textContent;
  });
  var groups = tracks.map(function (track) {
    var name = document.createElement("span");
    name.textContent = trackLabels[track];
    return { id: track, content: name };
  });

  container.hidden = false;
  container.setAttribute("tabindex", "0");
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", container.getAttribute("data-label"));
  var timeline = new window.vis.Timeline(container, new window.vis.DataSet(items), new window.vis.DataSet(groups), {
    locale: "fr",
    stack: true,
    zoomKey: "ctrlKey",
    horizontalScroll: true,
    orientation: "top",
    margin: { item: 4 },
    maxHeight: 480,
  });
  timeline.setWindow("1998-06-01", new Date().getFullYear() + 1 + "-06-01", { animation: false });

  function shift(fraction) {
    var range = timeline.getWindow();
    var span = range.end - range.start;
    timeline.setWindow(range.start.valueOf() + span * fraction, range.end.valueOf() + span * fraction, {
      animation: false,
    });
  }

  container.addEventListener("keydown", function (event) {
    if (event.target !== container) return;
    if (event.key === "ArrowLeft") shift(-0.2);
    else if (event.key === "ArrowRight") shift(0.2);
    else if (event.key === "+" || event.key === "=") timeline.zoomIn(0.5, { animation: false });
    else if (event.key === "-") timeline.zoomOut(0.5, { animation: false });
    else return;
    event.preventDefault();
  });

  // The milestones drawn on screen are focusable and lead to their line of the list.
  function makeItemsFocusable() {
    // A "box" item is drawn as a box, a line and a dot: only the box, which holds the title, is focusable.
    container.querySelectorAll(".vis-item.vis-box").forEach(function (element) {
      if (element.hasAttribute("tabindex")) return;
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "link");
    });
  }
  timeline.on("changed", makeItemsFocusable);
  makeItemsFocusable();

  function itemOf(element) {
    var label = element.querySelector("[data-index]");
    return label ? items[Number(label.getAttribute("data-index"))] : null;
  }
  container.addEventListener("keydown", function (event) {
    var element = event.target.closest && event.target.closest(".vis-item");
    if (!element || event.key !== "Enter") return;
    var item = itemOf(element);
    if (!item) return;
    event.preventDefault();
    item.entry.setAttribute("tabindex", "-1");
    item.entry.focus();
  });
  timeline.on("select", function (properties) {
    if (!properties.items.length) return;
    var entry = items[properties.items[0]].entry;
    entry.setAttribute("tabindex", "-1");
    entry.focus();
  });
})();
