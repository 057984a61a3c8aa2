/* The article change form: body and raw text side by side, the paragraph under the cursor
   highlighted in both. Loaded as a file (no inline script: the site's CSP forbids it). */
(function () {
  "use strict";

  function norm(text) {
    return text.replace(/[\s\u3000]+/g, "");
  }

  // Whether two lines are the same paragraph: the cleaned body joins lines cut by a page break
  // and drops page chrome, so one may hold the other, or they share an opening.
  function same(a, b) {
    if (!a || !b) return false;
    var head = Math.min(12, a.length, b.length);
    if (a.slice(0, head) === b.slice(0, head)) return true;
    return (b.length >= 8 && a.indexOf(b) !== -1) || (a.length >= 8 && b.indexOf(a) !== -1);
  }

  function setup(body, raw) {
    var rawLines = Array.prototype.slice.call(raw.querySelectorAll(".raw-line"));
    var rawText = rawLines.map(function (el) { return norm(el.textContent); });

    var wrap = document.createElement("div");
    wrap.className = "body-wrap";
    var backdrop = document.createElement("div");
    backdrop.className = "body-backdrop";
    backdrop.setAttribute("aria-hidden", "true");
    body.parentNode.insertBefore(wrap, body);
    wrap.appendChild(backdrop);
    wrap.appendChild(body);
    body.classList.add("body-over-backdrop");

    function copyBox() {
      var style = getComputedStyle(body);
      ["fontFamily", "fontSize", "lineHeight", "letterSpacing", "paddingTop", "paddingRight",
       "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth",
       "borderBottomWidth", "borderLeftWidth"].forEach(function (name) {
        backdrop.style[name] = style[name];
      });
      backdrop.style.width = body.offsetWidth + "px";
      backdrop.style.height = body.offsetHeight + "px";
    }

    function bodyLines() {
      return body.value.split("\n");
    }

    function drawBackdrop(current) {
      backdrop.textContent = "";
      bodyLines().forEach(function (line, index) {
        var span = document.createElement("span");
        span.textContent = line + "\n";
        if (index === current) span.className = "is-current";
        backdrop.appendChild(span);
      });
      backdrop.scrollTop = body.scrollTop;
    }

    function markRaw(index) {
      rawLines.forEach(function (el, i) { el.classList.toggle("is-current", i === index); });
      if (index >= 0) {
        var el = rawLines[index];
        var top = el.offsetTop - raw.offsetTop;
        if (top < raw.scrollTop || top > raw.scrollTop + raw.clientHeight - el.offsetHeight) {
          raw.scrollTop = Math.max(0, top - raw.clientHeight / 3);
        }
      }
    }

    function currentLine() {
      return body.value.slice(0, body.selectionStart).split("\n").length - 1;
    }

    function fromBody() {
      var index = currentLine();
      var text = norm(bodyLines()[index] || "");
      drawBackdrop(index);
      markRaw(rawText.findIndex(function (line) { return same(text, line); }));
    }

    function fromRaw(event) {
      var el = event.target.closest(".raw-line");
      if (!el) return;
      var text = rawText[rawLines.indexOf(el)];
      var lines = bodyLines();
      var index = lines.findIndex(function (line) { return same(norm(line), text); });
      markRaw(rawLines.indexOf(el));
      if (index < 0) { drawBackdrop(-1); return; }
      var start = lines.slice(0, index).join("\n").length + (index ? 1 : 0);
      body.focus({ preventScroll: true });
      body.setSelectionRange(start, start);
      drawBackdrop(index);
      body.scrollTop = Math.max(0, backdrop.children[index].offsetTop - body.clientHeight / 3);
      backdrop.scrollTop = body.scrollTop;
    }

    copyBox();
    drawBackdrop(-1);
    ["keyup", "click", "focus", "input", "select"].forEach(function (name) {
      body.addEventListener(name, fromBody);
    });
    body.addEventListener("scroll", function () { backdrop.scrollTop = body.scrollTop; });
    raw.addEventListener("click", fromRaw);
    if (window.ResizeObserver) new ResizeObserver(copyBox).observe(body);
    window.addEventListener("resize", copyBox);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    var raw = document.querySelector(".raw-text");
    if (body && raw) setup(body, raw);
  });
})();
