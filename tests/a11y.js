// An accessibility check run in the browser by tests/test_browser_ergonomics.py: headings,
// labels, names, image alternatives, text contrast (WCAG AA) and, on phones, target sizes
// (WCAG 2.2 SC 2.5.8: at least 24 by 24 CSS px, links in running text exempt). Returns a list
// of violations, each a short string naming the element.
(options) => {
  const problems = [];
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && style.display !== "none"
      && box.right > 0 && box.left < innerWidth * 3;
  };
  const describe = (el) => {
    const text = (el.getAttribute("aria-label") || el.textContent || el.name || el.id || "").trim();
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} «${text.slice(0, 30)}»`;
  };

  // The document.
  if (!document.documentElement.lang) problems.push("html without lang");
  if (!document.title.trim()) problems.push("page without title");

  // Headings: one h1, and no level skipped on the way down.
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1s = headings.filter((h) => h.tagName === "H1");
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (previous && level > previous + 1) problems.push(`heading h${previous} → h${level}: ${describe(heading)}`);
    if (!heading.textContent.trim()) problems.push(`empty heading ${describe(heading)}`);
    previous = level;
  }

  // Form controls have a name: a label, aria-label(ledby) or title.
  for (const control of document.querySelectorAll("input, select, textarea")) {
    const type = (control.getAttribute("type") || "").toLowerCase();
    if (["hidden", "submit", "button", "reset", "image"].includes(type) || !visible(control)) continue;
    const labelled = (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`))
      || control.closest("label") || control.getAttribute("aria-label")
      || control.getAttribute("aria-labelledby") || control.getAttribute("title");
    if (!labelled) problems.push(`control without a label: ${describe(control)}`);
  }
  // Links and buttons have text.
  for (const el of document.querySelectorAll("a[href], button")) {
    if (!visible(el)) continue;
    const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title") || "").trim()
      || [...el.querySelectorAll("img[alt], [title], [aria-label]")]
        .map((child) => child.alt || child.title || child.getAttribute("aria-label") || "").join("").trim();
    if (!name) problems.push(`link or button without a name: ${describe(el)}`);
  }
  // Images say what they show, or alt="" to be skipped.
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src}`);
  }

  // Contrast of every visible text against the background it is drawn on.
  const parse = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== "none") return null; // cannot tell
      const color = parse(style.backgroundColor);
      if (color && color.a > 0) { layers.push(color); if (color.a >= 1) break; }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el) || el.closest("svg, script, style, noscript, option")) continue;
    seen.add(el);
    if (!visible(el) || el.closest("[aria-hidden=true]")) continue;
    const style = getComputedStyle(el);
    if (Number(style.opacity) === 0) continue;
    const bg = background(el);
    const fg = parse(style.color);
    if (!bg || !fg) continue;
    const text = over(fg, bg);
    const [light, dark] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    if (ratio < needed - 0.005 && !el.closest("[disabled], .disabled")) {
      problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: ${describe(el)}`);
    }
  }

  // Targets on phones.
  if (options.targets) {
    const inText = options.runningText || "";
    for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
      if (!visible(el) || (inText && el.closest(inText))) continue;
      // A chart's bars repeat links printed beside it in full size (SC 2.5.8's "equivalent").
      const href = el.getAttribute("href");
      if (el.closest("svg") && [...document.querySelectorAll(`a[href="${CSS.escape(href)}"]`)].some(
        (other) => !other.closest("svg") && visible(other) && other.getBoundingClientRect().height >= 24)) continue;
      const box = el.getBoundingClientRect();
      if (box.height < 24 - 0.5 || box.width < 24 - 0.5) {
        problems.push(`target ${Math.round(box.width)}×${Math.round(box.height)} px: ${describe(el)}`);
      }
    }
    for (const el of document.querySelectorAll(options.primary || "button[type=submit]")) {
      if (!visible(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.height < 44 - 0.5) problems.push(`primary action ${Math.round(box.height)} px tall: ${describe(el)}`);
    }
  }
  return problems;
}
