// Staff pages work without this script; it adds what only a script can do.
// Copy buttons: <button type="button" data-copy="text" data-copied="Copied" hidden>, shown
// where the browser lets a page write to the clipboard.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {});
    });
  });
})();
