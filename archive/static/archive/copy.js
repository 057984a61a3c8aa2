// Copy buttons: <button class="copy" data-copy="ID" hidden> copies the text of element ID.
// The button stays hidden without JavaScript; the text is on the page to select by hand.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(text, element) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and plain-http sites: copy the selection instead.
    selectText(element);
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      var status = button.parentNode.querySelector(".copy-status");
      if (!source) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(source.textContent.trim(), source).then(
          function () { if (status) { status.textContent = "已复制"; } },
          function () {
            selectText(source);
            if (status) { status.textContent = "已选中，请按 Ctrl+C 复制"; }
          }
        );
      });
    });
  });
})();
