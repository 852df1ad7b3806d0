// "In …" buttons: the site's Content-Security-Policy forbids inline handlers, so buttons carry
// `data-print` and this script, served from the site itself, opens the browser's print dialog.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { window.print(); }
});
