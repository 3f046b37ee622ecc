// Talenta's few behaviours, bound from data- attributes (no inline script: the Content-Security-Policy
// allows scripts from this server only).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("[data-autosubmit]") && el.form) { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); }
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
}, true);
// A "tick every row" box: <input type="checkbox" data-check-all="NAME"> ticks the form's boxes named NAME.
document.addEventListener("change", function (event) {
  var el = event.target;
  var name = el.getAttribute && el.getAttribute("data-check-all");
  if (!name || !el.form) { return; }
  el.form.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) { box.checked = el.checked; });
});
