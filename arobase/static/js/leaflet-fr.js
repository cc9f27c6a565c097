// Leaflet speaks English by default (control titles, attribution prefix, popup close button, marker alt text):
// these are its strings in French, for every map of the site. Load it right after leaflet.js.
(function () {
  "use strict";
  var L = window.L;
  if (!L) return;
  L.Control.Zoom.prototype.options.zoomInTitle = "Zoom avant";
  L.Control.Zoom.prototype.options.zoomOutTitle = "Zoom arrière";
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" hreflang="en" title="Une bibliothèque JavaScript pour les cartes interactives">Leaflet</a>';
  L.Marker.prototype.options.alt = "Repère";
  // The close button of a popup is created with an English label and no way to change it: renamed on opening.
  L.Map.addInitHook(function () {
    this.on("popupopen", function (event) {
      var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer la fenêtre");
        close.setAttribute("title", "Fermer la fenêtre");
      }
    });
  });
})();
