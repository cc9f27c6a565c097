// After a failed submit, move the focus to the error summary at the top of the form, so that keyboard and
// screen reader users hear the errors first and can follow their links to the fields.
(function () {
  "use strict";
  function focusSummary() {
    const summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
