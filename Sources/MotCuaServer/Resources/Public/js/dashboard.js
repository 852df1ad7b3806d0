// Refreshes the monitoring dashboard in place every minute (the page works without this script).
(function () {
  var root = document.getElementById("bang-dieu-khien");
  if (!root || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(root.getAttribute("data-refresh"), 10) || 60;
  setInterval(function () {
    if (document.hidden) return;
    fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("bang-dieu-khien");
        var current = document.getElementById("bang-dieu-khien");
        if (fresh && current && !current.contains(document.activeElement)) current.replaceWith(fresh);
      })
      .catch(function () {});
  }, seconds * 1000);
})();
