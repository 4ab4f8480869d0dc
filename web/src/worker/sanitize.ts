/**
 * A conservative HTML sanitiser for the requester's worker instructions (Ground Truth's shortInstruction and
 * fullInstruction are HTML). It builds a fresh tree from an allow-list instead of editing the parsed one, and returns
 * nodes rather than a string, so nothing is parsed twice. Kept: text formatting, lists, tables, headings; links to
 * https URLs (opened in a new tab); images from https or data:image URLs. Dropped: scripts, styles, event handlers,
 * forms, frames, SVG/MathML, every other attribute and every other URL scheme.
 */

const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption',
  'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
  's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]);

/** Elements dropped with everything inside them; any other unknown element is unwrapped (its text kept). */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'noembed',
  'noframes', 'svg', 'math', 'textarea', 'select', 'option', 'button', 'form', 'input', 'link', 'meta', 'base',
  'title', 'head', 'audio', 'video', 'canvas', 'xmp', 'plaintext', 'portal',
]);

const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title']),
  img: new Set(['src', 'alt', 'title', 'width', 'height']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan']),
  abbr: new Set(['title']),
  ol: new Set(['start']),
};

const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

/** True for https URLs (any case, no leading junk); `new URL` resolves the scheme exactly as a browser would. */
function isHttps(value: string): boolean {
  try {
    return new URL(value.trim()).protocol === 'https:' && /^https:/i.test(value.trim());
  } catch {
    return false;
  }
}

function safeAttribute(tag: string, name: string, value: string): string | null {
  if (!ALLOWED_ATTRIBUTES[tag]?.has(name)) {
    return null;
  }
  if (tag === 'a' && name === 'href') {
    return isHttps(value) ? value.trim() : null;
  }
  if (tag === 'img' && name === 'src') {
    const trimmed = value.trim();
    return isHttps(trimmed) || SAFE_DATA_IMAGE.test(trimmed) ? trimmed : null;
  }
  if (name === 'width' || name === 'height' || name === 'colspan' || name === 'rowspan' || name === 'start') {
    return /^\d{1,5}$/.test(value.trim()) ? value.trim() : null;
  }
  return value;
}

function cleanChildren(from: Node, into: Node, doc: Document): void {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === 3 /* text */) {
      into.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== 1 /* element */) {
      continue; // comments, processing instructions
    }
    const element = child as Element;
    const tag = element.localName.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      continue;
    }
    if (!ALLOWED_TAGS.has(tag)) {
      cleanChildren(element, into, doc);
      continue;
    }
    const copy = doc.createElement(tag);
    for (const attribute of Array.from(element.attributes)) {
      const value = safeAttribute(tag, attribute.name.toLowerCase(), attribute.value);
      if (value !== null) {
        copy.setAttribute(attribute.name.toLowerCase(), value);
      }
    }
    if (tag === 'a' && copy.hasAttribute('href')) {
      copy.setAttribute('target', '_blank');
      copy.setAttribute('rel', 'noopener noreferrer');
    }
    if (tag === 'img' && !copy.hasAttribute('src')) {
      continue; // an image without a safe source shows nothing
    }
    cleanChildren(element, copy, doc);
    into.appendChild(copy);
  }
}

/** The allowed part of `html` as a fragment of `doc` (default: the page's document), ready to insert. */
export function sanitizeHtml(html: string, doc: Document = document): DocumentFragment {
  // DOMParser documents are inert: no scripts run and no images load while we read them.
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const fragment = doc.createDocumentFragment();
  cleanChildren(parsed.body, fragment, doc);
  return fragment;
}

/** The fragment as HTML, for tests and for telling whether anything visible is left. */
export function sanitizedHtmlString(html: string): string {
  const holder = document.createElement('div');
  holder.appendChild(sanitizeHtml(html));
  return holder.innerHTML;
}
