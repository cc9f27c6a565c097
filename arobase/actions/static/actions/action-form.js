// Action form: add rows to formsets, and fill a place from an address suggestion of the BAN.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    const add = event.target.closest("[data-formset-add]");
    if (add) {
      const prefix = add.dataset.formsetAdd;
      const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      const template = document.querySelector('[data-formset-template="' + prefix + '"]');
      const list = document.querySelector('[data-formset-list="' + prefix + '"]');
      const index = parseInt(total.value, 10);
      const wrapper = document.createElement("div");
      wrapper.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      const node = wrapper.firstElementChild;
      list.appendChild(node);
      total.value = String(index + 1);
      if (window.htmx) { window.htmx.process(node); }
      const first = node.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
      return;
    }
    const pick = event.target.closest("[data-address-pick]");
    if (pick) {
      const prefix = pick.dataset.prefix;
      const set = function (name, value) {
        const input = document.getElementById("id_" + prefix + "-" + name);
        if (input) { input.value = value; }
      };
      set("address", pick.dataset.name);
      set("postcode", pick.dataset.postcode);
      set("city", pick.dataset.city);
      set("citycode", pick.dataset.citycode);
      set("latitude", pick.dataset.lat);
      set("longitude", pick.dataset.lon);
      set("geocoding_source", "ban");
      const box = document.getElementById("suggestions-" + prefix);
      if (box) { box.innerHTML = '<p class="muted" role="status">Adresse retenue : ' + pick.textContent.replace(/[<>&]/g, "") + "</p>"; }
      const address = document.getElementById("id_" + prefix + "-address");
      if (address) { address.focus(); }
    }
  });

  // Coordinates typed by hand are not from the BAN any more.
  document.addEventListener("input", function (event) {
    const match = event.target.id && event.target.id.match(/^id_(places-\d+)-(latitude|longitude)$/);
    if (match) {
      const source = document.getElementById("id_" + match[1] + "-geocoding_source");
      if (source) { source.value = "manual"; }
    }
  });
})();
