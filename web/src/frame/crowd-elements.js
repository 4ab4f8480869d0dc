/*
 * Verity's stand-in for Ground Truth's crowd-html-elements.js, loaded by task-frame.html inside a sandboxed iframe
 * (opaque origin, so the requester's template scripts never see the worker's token). It defines the Crowd HTML
 * Elements templates commonly use as light-DOM custom elements, collects <crowd-form>'s answer exactly as Ground Truth
 * keys it, and talks to the portal by postMessage:
 *   frame → portal: verity:ready, verity:height {height}, verity:answer {answerContent}, verity:invalid {message},
 *                   verity:key {key, shiftKey} (portal shortcuts pressed inside the frame)
 *   portal → frame: verity:render {html}, verity:submit, verity:pick {index}
 * Built into the classic script dist/crowd-elements.js with the annotation and layout elements (src/frame/main.ts).
 * Any crowd-* element with crowdAnswer() is a form field; its value may be a promise (a mask is encoded
 * asynchronously), so collecting the answer is asynchronous.
 */
(function () {
  'use strict';

  if (window.customElements.get('crowd-form')) {
    return; // loaded twice
  }

  var STYLE = [
    'crowd-form, crowd-classifier, crowd-classifier-multi-select, crowd-image-classifier, crowd-image-classifier-multi-select,',
    'crowd-input, crowd-text-area, crowd-slider, crowd-radio-group, crowd-instructions, crowd-alert, crowd-card { display: block; }',
    'crowd-input, crowd-text-area, crowd-slider { margin: 8px 0; }',
    'crowd-input label, crowd-text-area label, crowd-slider label { display: block; font-weight: 600; margin-bottom: 4px; }',
    'crowd-input input, crowd-text-area textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 6px 8px; border: 1px solid #c9d0da; border-radius: 6px; }',
    'crowd-checkbox, crowd-radio-button { display: block; margin: 4px 0; cursor: pointer; }',
    'crowd-checkbox input, crowd-radio-button input { margin-right: 6px; }',
    'crowd-button, .crowd-submit { display: inline-block; cursor: pointer; padding: 6px 14px; margin: 8px 4px 8px 0; border: 1px solid #c9d0da; border-radius: 6px; background: #fff; font: inherit; }',
    'crowd-button[variant=primary], .crowd-submit { background: #2456d6; border-color: #2456d6; color: #fff; }',
    'crowd-button[disabled] { opacity: .5; pointer-events: none; }',
    '.crowd-header { font-size: 1.15em; font-weight: 600; margin: 6px 0; }',
    '.crowd-categories { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }',
    '.crowd-categories button { font: inherit; padding: 5px 10px; border: 1px solid #c9d0da; border-radius: 6px; background: #fff; cursor: pointer; }',
    '.crowd-categories button[aria-pressed=true] { background: #e6edfc; border-color: #2456d6; box-shadow: inset 0 0 0 1px #2456d6; font-weight: 600; }',
    '.crowd-categories kbd { font: 11px ui-monospace, monospace; color: #5f6b7a; margin-left: 6px; }',
    'classification-target { display: block; padding: 10px; border: 1px solid #e3e7ee; border-radius: 6px; background: #fff; white-space: pre-wrap; }',
    'short-instructions { display: block; margin: 6px 0; color: #3b4554; }',
    'full-instructions { display: block; margin: 6px 0; padding: 8px; background: #f5f7fa; border-radius: 6px; }',
    'full-instructions[hidden], worker-comment { display: none; }',
    '.crowd-link { background: none; border: none; padding: 0; color: #2456d6; cursor: pointer; font: inherit; text-decoration: underline; }',
    '.crowd-image { max-width: 100%; max-height: 60vh; display: block; margin: 8px 0; }',
    'crowd-instructions { border: 1px solid #e3e7ee; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fff; }',
    'crowd-instructions::before { content: "Instructions"; display: block; font-weight: 600; }',
    'short-summary, detailed-instructions, positive-example, negative-example { display: block; margin: 6px 0; }',
    'positive-example::before { content: "Good example"; display: block; font-weight: 600; color: #1e7b34; }',
    'negative-example::before { content: "Bad example"; display: block; font-weight: 600; color: #b3261e; }',
    'crowd-alert { padding: 8px 12px; border-radius: 6px; margin: 8px 0; background: #e8f0fe; border: 1px solid #b9cdf5; }',
    'crowd-alert[type=success] { background: #e7f5ea; border-color: #a9d8b5; }',
    'crowd-alert[type=warning] { background: #fff8e6; border-color: #f0d48a; }',
    'crowd-alert[type=error] { background: #fdecea; border-color: #f2b8b5; }',
    'crowd-card { border: 1px solid #e3e7ee; border-radius: 8px; padding: 12px; margin: 8px 0; background: #fff; }',
    '.crowd-invalid { outline: 2px solid #b3261e; outline-offset: 2px; }',
    '.crowd-form-error { color: #b3261e; margin: 8px 0; }',
    '.crowd-unsupported { color: #b3261e; border: 1px dashed #b3261e; padding: 8px; border-radius: 6px; }',
  ].join('\n');

  function addStyle() {
    if (document.getElementById('crowd-elements-style')) return;
    var style = document.createElement('style');
    style.id = 'crowd-elements-style';
    style.textContent = STYLE;
    (document.head || document.documentElement).appendChild(style);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Helpers

  function make(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Ground Truth's categories attribute: a JSON array, or one written with single quotes as its docs do. */
  function parseCategories(text) {
    if (text === null || text.trim() === '') return [];
    var value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      try {
        value = JSON.parse(text.replace(/'((?:[^'\\]|\\.)*)'/g, function (_, s) {
          return JSON.stringify(s.replace(/\\'/g, "'"));
        }));
      } catch (e2) {
        throw new Error('categories is not a JSON array: ' + text);
      }
    }
    if (!Array.isArray(value)) throw new Error('categories is not a JSON array: ' + text);
    return value.map(function (c) {
      return c !== null && typeof c === 'object' ? String(c.label !== undefined ? c.label : c.text) : String(c);
    });
  }

  function childRegion(host, tag) {
    for (var i = 0; i < host.children.length; i++) {
      if (host.children[i].localName === tag) return host.children[i];
    }
    return null;
  }

  function isTyping(target) {
    if (!target || target.nodeType !== 1) return false;
    var tag = target.localName;
    if (tag === 'textarea' || tag === 'select' || target.isContentEditable) return true;
    if (tag === 'input') {
      return ['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].indexOf(target.type) === -1;
    }
    return false;
  }

  function describe(element) {
    var label = element.getAttribute('label') || element.getAttribute('header') || element.getAttribute('aria-label');
    var name = element.getAttribute('name');
    return '"' + (label || name || element.localName) + '"';
  }

  /** Crowd elements the frame cannot show (media classifiers, Augmented AI's): a template using one cannot be answered here. */
  var UNSUPPORTED = [
    'crowd-video-classifier', 'crowd-audio-classifier', 'crowd-textract-analyze-document', 'crowd-rekognition-detect-moderation-labels',
  ];

  // -------------------------------------------------------------------------------------------------------------
  // Elements. Each builds its light DOM once, when first connected, keeping the template's children in place.

  class CrowdElement extends HTMLElement {
    connectedCallback() {
      if (this.__built) return;
      this.__built = true;
      // After the parser has added the children too (some parsers connect an element before its children).
      var self = this;
      queueMicrotask(function () {
        self.build();
      });
    }

    build() {}
  }

  /** Defines `tag` as a CrowdElement with the given members (build, value, crowdAnswer, crowdMissing, ...). */
  function define(tag, members) {
    var Element = class extends CrowdElement {};
    Object.defineProperties(Element.prototype, Object.getOwnPropertyDescriptors(members));
    window.customElements.define(tag, Element);
    return Element;
  }

  define('crowd-form', {
    build: function () {
      var self = this;
      this.addEventListener('click', function (event) {
        var trigger = event.target && event.target.closest
          ? event.target.closest('crowd-button[form-action=submit], button[type=submit], input[type=submit]')
          : null;
        if (trigger && self.contains(trigger)) {
          event.preventDefault();
          submitFromFrame(self);
        }
      });
      if (!this.querySelector('crowd-button[form-action=submit], button[type=submit], input[type=submit], .crowd-submit')) {
        this.appendChild(make('button', { type: 'submit', class: 'crowd-submit', 'data-testid': 'crowd-submit' }, 'Submit'));
      }
    },
    /** A promise of {ok: true, answer} or {ok: false, message}; runs the template's own submit listeners first. */
    collect: function () {
      var message = this.querySelectorAll('.crowd-form-error');
      for (var m = 0; m < message.length; m++) message[m].remove();
      var marked = this.querySelectorAll('.crowd-invalid');
      for (var k = 0; k < marked.length; k++) marked[k].classList.remove('crowd-invalid');

      var unsupported = UNSUPPORTED.filter(function (tag) {
        return document.querySelector(tag) !== null;
      });
      if (unsupported.length) {
        return Promise.resolve({ ok: false, message: 'this task uses <' + unsupported.join('>, <') + '>, which the portal cannot show yet' });
      }
      // The template's own checks (and last-moment field updates) run first, as on Ground Truth.
      var proceed = this.dispatchEvent(new Event('submit', { cancelable: true }));
      if (!proceed) {
        return Promise.resolve({ ok: false, message: "the task's own checks stopped the submit; see the task above" });
      }
      var self = this;
      return collectAnswer(this).then(function (result) {
        if (!result.ok) {
          self.showError(result.message, result.element);
        }
        return result;
      });
    },
    /** Ground Truth's crowd-form.submit(), which templates call from their own buttons. */
    submit: function () {
      submitFromFrame(this);
    },
    showError: function (message, element) {
      var note = make('p', { class: 'crowd-form-error', role: 'alert', 'data-testid': 'crowd-form-error' }, message);
      this.appendChild(note);
      if (element) {
        element.classList.add('crowd-invalid');
        var focusable = element.querySelector('input, textarea, button, select') || element;
        if (focusable.focus) focusable.focus();
      }
    },
  });

  define('crowd-button', {
    build: function () {
      if (!this.hasAttribute('role')) this.setAttribute('role', 'button');
      if (!this.hasAttribute('tabindex')) this.setAttribute('tabindex', '0');
      var self = this;
      this.addEventListener('keydown', function (event) {
        if (event.key === ' ') {
          event.preventDefault();
          self.click();
        }
      });
    },
  });

  /** A labelled text field: crowd-input and crowd-text-area. */
  function textField(control) {
    return {
      build: function () {
        var id = 'crowd-field-' + Math.random().toString(36).slice(2);
        if (this.hasAttribute('label')) {
          this.appendChild(make('label', { for: id }, this.getAttribute('label')));
        }
        var field = make(control, { id: id });
        var copy = control === 'input' ? ['type', 'placeholder', 'max-length', 'min-length', 'disabled', 'autofocus'] : ['placeholder', 'rows', 'disabled'];
        var self = this;
        copy.forEach(function (name) {
          if (self.hasAttribute(name)) field.setAttribute(name.replace('-', ''), self.getAttribute(name));
        });
        if (control === 'input' && this.hasAttribute('auto-focus')) field.setAttribute('autofocus', '');
        field.value = this.getAttribute('value') || '';
        this.__field = field;
        this.appendChild(field);
        if (field.hasAttribute('autofocus')) setTimeout(function () { field.focus(); }, 0);
      },
      get value() {
        return this.__field ? this.__field.value : this.getAttribute('value') || '';
      },
      set value(v) {
        if (this.__field) this.__field.value = v;
        else this.setAttribute('value', v);
      },
      crowdAnswer: function () {
        return { value: this.value };
      },
      crowdMissing: function () {
        return this.hasAttribute('required') && this.value.trim() === '' ? describe(this) + ' is required' : null;
      },
    };
  }

  define('crowd-input', textField('input'));
  define('crowd-text-area', textField('textarea'));

  /** A box or radio button whose answer is {"<name>": {"<value>": checked}}, merged across boxes of one name. */
  function toggle(type) {
    return {
      build: function () {
        var box = make('input', { type: type });
        box.checked = this.hasAttribute('checked') && this.getAttribute('checked') !== 'false';
        box.disabled = this.hasAttribute('disabled');
        this.__box = box;
        this.insertBefore(box, this.firstChild);
        var self = this;
        // Clicking the label text toggles too; the inner box has no name, so native radio groups do not apply.
        this.addEventListener('click', function (event) {
          if (box.disabled) return;
          if (event.target !== box) box.checked = type === 'radio' ? true : !box.checked;
          if (type === 'radio' && box.checked) self.uncheckSiblings();
          self.dispatchEvent(new Event('change', { bubbles: true }));
        });
      },
      get checked() {
        return this.__box ? this.__box.checked : this.hasAttribute('checked');
      },
      set checked(v) {
        if (this.__box) this.__box.checked = !!v;
        if (v && type === 'radio') this.uncheckSiblings();
      },
      uncheckSiblings: function () {
        var group = this.closest('crowd-radio-group');
        if (!group) return;
        var self = this;
        group.querySelectorAll('crowd-radio-button').forEach(function (other) {
          if (other !== self) other.checked = false;
        });
      },
      crowdAnswer: function () {
        return { flag: this.getAttribute('value') || 'on', checked: this.checked };
      },
      crowdMissing: function () {
        return type === 'checkbox' && this.hasAttribute('required') && !this.checked ? 'tick ' + describe(this) + ', it is required' : null;
      },
    };
  }

  define('crowd-checkbox', toggle('checkbox'));
  define('crowd-radio-button', toggle('radio'));

  define('crowd-radio-group', {
    build: function () {
      this.setAttribute('role', 'radiogroup');
    },
    crowdMissing: function () {
      var buttons = Array.prototype.slice.call(this.querySelectorAll('crowd-radio-button'));
      var required = this.hasAttribute('required') || buttons.some(function (b) { return b.hasAttribute('required'); });
      var chosen = buttons.some(function (b) { return b.checked; });
      return required && !chosen ? 'choose one of the options' + (buttons[0] && buttons[0].getAttribute('name') ? ' for ' + describe(buttons[0]) : '') : null;
    },
  });

  define('crowd-slider', {
    build: function () {
      if (this.hasAttribute('label')) this.appendChild(make('label', {}, this.getAttribute('label')));
      var min = Number(this.getAttribute('min') || 0);
      var max = Number(this.getAttribute('max') || 100);
      var range = make('input', { type: 'range', min: String(min), max: String(max), step: this.getAttribute('step') || '1' });
      range.value = this.hasAttribute('value') ? this.getAttribute('value') : String(min);
      range.disabled = this.hasAttribute('disabled');
      var shown = make('output', {}, range.value);
      range.addEventListener('input', function () {
        shown.textContent = range.value;
      });
      this.__range = range;
      this.appendChild(range);
      if (this.hasAttribute('pin') || this.hasAttribute('editable')) this.appendChild(shown);
    },
    get value() {
      return this.__range ? Number(this.__range.value) : Number(this.getAttribute('value') || 0);
    },
    set value(v) {
      if (this.__range) this.__range.value = String(v);
    },
    crowdAnswer: function () {
      return { value: this.value };
    },
  });

  /**
   * crowd-classifier and crowd-image-classifier, single or multi-select: category buttons (keys 1–9), the template's
   * regions (classification-target, short-instructions, full-instructions behind a link, worker-comment).
   */
  function classifier(multi, image) {
    return {
      build: function () {
        this.__chosen = [];
        var categories;
        try {
          categories = parseCategories(this.getAttribute('categories'));
        } catch (e) {
          this.__error = e.message;
          this.appendChild(make('p', { class: 'crowd-unsupported' }, e.message));
          return;
        }
        var exclusion = null;
        if (multi && this.hasAttribute('exclusion-category')) {
          try {
            var parsed = JSON.parse(this.getAttribute('exclusion-category'));
            exclusion = String(parsed && typeof parsed === 'object' ? parsed.text : parsed);
          } catch (e) {
            exclusion = this.getAttribute('exclusion-category');
          }
          categories.push(exclusion);
        }
        this.__categories = categories;
        this.__exclusion = exclusion;

        var first = this.firstChild;
        if (this.hasAttribute('header')) this.insertBefore(make('div', { class: 'crowd-header' }, this.getAttribute('header')), first);
        if (image && this.getAttribute('src')) {
          this.insertBefore(make('img', { class: 'crowd-image', src: this.getAttribute('src'), alt: 'The item to classify' }), first);
        }
        var bar = make('div', { class: 'crowd-categories', role: 'group', 'aria-label': 'Categories' });
        var self = this;
        categories.forEach(function (category, i) {
          var button = make('button', { type: 'button', 'aria-pressed': 'false', 'data-index': String(i) });
          button.appendChild(document.createTextNode(category));
          if (i < 9) button.appendChild(make('kbd', {}, String(i + 1)));
          button.addEventListener('click', function () {
            self.pick(i);
          });
          bar.appendChild(button);
        });
        this.__bar = bar;
        var target = childRegion(this, 'classification-target');
        if (target && target.nextSibling) this.insertBefore(bar, target.nextSibling);
        else this.appendChild(bar);

        var full = childRegion(this, 'full-instructions');
        if (full) {
          full.hidden = true;
          var link = make('button', { type: 'button', class: 'crowd-link' }, full.getAttribute('header') || 'View full instructions');
          link.addEventListener('click', function () {
            full.hidden = !full.hidden;
          });
          this.insertBefore(link, full);
        }
        var comment = childRegion(this, 'worker-comment');
        if (comment && image && !multi) {
          var box = make('textarea', { rows: '2', placeholder: comment.getAttribute('placeholder') || 'Comment (optional)', 'aria-label': comment.getAttribute('header') || 'Comment' });
          this.__comment = box;
          this.appendChild(box);
        }
      },
      /** Chooses category i (multi-select: toggles it); false if there is no such category. */
      pick: function (i) {
        if (!this.__categories || i < 0 || i >= this.__categories.length) return false;
        var label = this.__categories[i];
        if (!multi) {
          this.__chosen = [label];
        } else if (this.__chosen.indexOf(label) !== -1) {
          this.__chosen = this.__chosen.filter(function (c) { return c !== label; });
        } else if (label === this.__exclusion) {
          this.__chosen = [label];
        } else {
          var exclusion = this.__exclusion;
          this.__chosen = this.__chosen.filter(function (c) { return c !== exclusion; }).concat([label]);
        }
        var chosen = this.__chosen;
        var categories = this.__categories;
        this.__bar.querySelectorAll('button').forEach(function (button) {
          button.setAttribute('aria-pressed', chosen.indexOf(categories[Number(button.getAttribute('data-index'))]) !== -1 ? 'true' : 'false');
        });
        lastClassifier = this;
        this.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      get value() {
        return multi ? this.__chosen.slice() : this.__chosen[0];
      },
      crowdAnswer: function () {
        var categories = this.__categories || [];
        if (multi) {
          // In category order, as the portal's own tools answer.
          var chosen = this.__chosen;
          return { value: { labels: categories.filter(function (c) { return chosen.indexOf(c) !== -1; }) } };
        }
        var answer = { label: this.__chosen[0] };
        if (this.__comment && this.__comment.value.trim()) answer.workerComment = this.__comment.value.trim();
        return { value: answer };
      },
      crowdMissing: function () {
        if (this.__error) return this.__error;
        if (this.__chosen.length === 0) return (multi ? 'choose at least one category' : 'choose a category') + ' for ' + describe(this);
        return null;
      },
    };
  }

  var lastClassifier = null;
  /** Elements whose categories or labels keys 1–9 pick (each has pick(index)); the annotation ones come from annotation-elements.ts. */
  var CLASSIFIERS = [
    'crowd-classifier', 'crowd-classifier-multi-select', 'crowd-image-classifier', 'crowd-image-classifier-multi-select',
    'crowd-bounding-box', 'crowd-polygon', 'crowd-polyline', 'crowd-line', 'crowd-keypoint', 'crowd-semantic-segmentation',
    'crowd-instance-segmentation', 'crowd-entity-annotation',
  ].join(', ');

  define('crowd-classifier', classifier(false, false));
  define('crowd-classifier-multi-select', classifier(true, false));
  define('crowd-image-classifier', classifier(false, true));
  define('crowd-image-classifier-multi-select', classifier(true, true));

  define('crowd-instructions', {});
  ['short-summary', 'detailed-instructions', 'positive-example', 'negative-example'].forEach(function (tag) {
    define(tag, {});
  });

  define('crowd-alert', {
    build: function () {
      this.setAttribute('role', this.getAttribute('type') === 'error' ? 'alert' : 'status');
      if (this.hasAttribute('dismissible')) {
        var self = this;
        var close = make('button', { type: 'button', class: 'crowd-link', 'aria-label': 'Dismiss' }, '×');
        close.addEventListener('click', function () {
          self.hidden = true;
        });
        this.appendChild(close);
      }
    },
  });

  define('crowd-card', {
    build: function () {
      var first = this.firstChild;
      if (this.getAttribute('image')) this.insertBefore(make('img', { class: 'crowd-image', src: this.getAttribute('image'), alt: '' }), first);
      if (this.getAttribute('heading')) this.insertBefore(make('div', { class: 'crowd-header' }, this.getAttribute('heading')), first);
    },
  });

  // -------------------------------------------------------------------------------------------------------------
  // The answer: every named crowd element and named native field inside the form, keyed by name (Ground Truth §4.3).

  function isCrowdField(node) {
    return node.localName.indexOf('crowd-') === 0 && typeof node.crowdAnswer === 'function';
  }

  /** The crowd field inside `form` that drew `node` for itself, if any. */
  function ownerField(node, form) {
    for (var up = node.parentElement; up && up !== form; up = up.parentElement) {
      if (isCrowdField(up)) return up;
    }
    return null;
  }

  function nativeMissing(field, form) {
    if (!field.required) return null;
    if (field.type === 'checkbox') return field.checked ? null : 'tick ' + describe(field) + ', it is required';
    if (field.type === 'radio') {
      var group = Array.prototype.slice.call(form.querySelectorAll('input[type=radio]')).filter(function (r) { return r.name === field.name; });
      return group.some(function (r) { return r.checked; }) ? null : 'choose one of the options for ' + describe(field);
    }
    return String(field.value).trim() === '' ? describe(field) + ' is required' : null;
  }

  function nativeAnswer(field) {
    if (field.type === 'checkbox' || field.type === 'radio') return { flag: field.getAttribute('value') || 'on', checked: field.checked };
    if (field.localName === 'select' && field.multiple) {
      return { value: Array.prototype.slice.call(field.selectedOptions || []).map(function (o) { return o.value; }) };
    }
    return { value: field.value };
  }

  /** Sets a key as data, even one named __proto__. */
  function setKey(target, key, value) {
    Object.defineProperty(target, key, { value: value, enumerable: true, writable: true, configurable: true });
  }

  /** A promise of {ok: true, answer} or {ok: false, message, element}; `form` is a crowd-form or a self-contained element. */
  function collectAnswer(form) {
    var parts = [];
    var nodes = [form].concat(Array.prototype.slice.call(form.querySelectorAll('*')));
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var tag = node.localName;
      var missing = null;
      var part = null;
      if (tag === 'crowd-radio-group') {
        missing = node.crowdMissing();
      } else if (isCrowdField(node)) {
        if (node.hasAttribute('disabled')) continue;
        missing = node.crowdMissing ? node.crowdMissing() : null;
        // Asked only of a complete field: an annotation tool's answer rejects while its hint stands.
        if (!missing && node.getAttribute('name')) part = node.crowdAnswer();
      } else if (tag === 'input' || tag === 'textarea' || tag === 'select') {
        // Fields a crowd element draws for itself are its business, not the form's.
        if (ownerField(node, form)) continue;
        if (node.disabled || ['submit', 'button', 'reset', 'image', 'file'].indexOf(node.type) !== -1) continue;
        missing = nativeMissing(node, form);
        if (node.name) part = nativeAnswer(node);
      }
      if (missing) return Promise.resolve({ ok: false, message: missing, element: node });
      if (part) parts.push({ name: node.getAttribute('name'), part: part, element: node });
    }
    return Promise.all(parts.map(function (p) {
      return 'flag' in p.part ? p.part : Promise.resolve(p.part.value).then(function (value) { return { value: value }; });
    })).then(function (settled) {
      var answer = {};
      settled.forEach(function (part, i) {
        var name = parts[i].name;
        if ('flag' in part) {
          var group = Object.prototype.hasOwnProperty.call(answer, name) && answer[name] !== null && typeof answer[name] === 'object' && !Array.isArray(answer[name]) ? answer[name] : {};
          setKey(group, part.flag, part.checked);
          setKey(answer, name, group);
        } else {
          setKey(answer, name, part.value);
        }
      });
      if (Object.keys(answer).length === 0) {
        return { ok: false, message: 'the task form has no named fields, so there is no answer to submit', element: null };
      }
      return { ok: true, answer: answer };
    }, function (error) {
      return { ok: false, message: 'the answer could not be built: ' + (error && error.message ? error.message : String(error)), element: null };
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The frame: rendering the portal's HTML, submitting, keys and height.

  var parentWindow = null;

  function post(message) {
    // The portal's origin is not ours to know (this frame's origin is opaque); it is our only parent.
    if (parentWindow) parentWindow.postMessage(message, '*');
  }

  /** The crowd-form, or an element that is its own form (crowd-entity-annotation, used without one). */
  function formOf() {
    return document.querySelector('crowd-form') || document.querySelector('crowd-entity-annotation');
  }

  /** The portal's Submit (or Enter there): answer it either way. */
  function submitRequested() {
    var form = formOf();
    if (!form) {
      post({ type: 'verity:invalid', message: 'the task has no <crowd-form>, so there is no answer to submit' });
      return;
    }
    form.collect().then(function (result) {
      post(result.ok ? { type: 'verity:answer', answerContent: result.answer } : { type: 'verity:invalid', message: result.message });
    });
  }

  /** A submit button inside the task: the portal takes it as the worker pressing its Submit. */
  function submitFromFrame(form) {
    form.collect().then(function (result) {
      if (result.ok) post({ type: 'verity:answer', answerContent: result.answer, fromFrame: true });
    });
  }

  function classifierFor(node) {
    var own = node && node.closest ? node.closest(CLASSIFIERS) : null;
    if (own) return own;
    if (lastClassifier && lastClassifier.isConnected) return lastClassifier;
    return document.querySelector(CLASSIFIERS);
  }

  function pick(index, node) {
    var target = classifierFor(node || document.activeElement);
    return target ? target.pick(index) : false;
  }

  function onKey(event) {
    if (event.defaultPrevented) return;
    var plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    var target = event.target;
    if (plain && /^[1-9]$/.test(event.key) && !isTyping(target)) {
      if (pick(Number(event.key) - 1, target)) event.preventDefault();
      return;
    }
    var multiline = target && (target.localName === 'textarea' || target.isContentEditable);
    var forward =
      (plain && event.key === 'Enter' && !multiline && !(target && target.localName === 'select')) ||
      (!isTyping(target) && plain && (event.key === 'Escape' || event.key === '?' || (event.shiftKey && (event.key === 'R' || event.key === 'r'))));
    if (forward) {
      event.preventDefault(); // Enter must not also press the focused button or submit a native form
      post({ type: 'verity:key', key: event.key, shiftKey: event.shiftKey });
    }
  }

  var lastHeight = -1;
  function reportHeight(force) {
    // The content's height, not the viewport's (documentElement.scrollHeight never drops below the frame's height).
    var height = Math.ceil(Math.max(document.documentElement.getBoundingClientRect().height, document.body ? document.body.scrollHeight : 0));
    if (force === true || height !== lastHeight) {
      lastHeight = height;
      post({ type: 'verity:height', height: height });
    }
  }

  function isCrowdLoader(script) {
    return /(^|\/)crowd-html-elements\.js(\?|#|$)/.test(script.getAttribute('src') || '');
  }

  /** Inserts the rendered template and runs its scripts in order (innerHTML alone never runs them). */
  function render(html) {
    document.body.innerHTML = html;
    var scripts = Array.prototype.slice.call(document.body.querySelectorAll('script'));
    var chain = Promise.resolve();
    scripts.forEach(function (old) {
      chain = chain.then(function () {
        if (isCrowdLoader(old)) {
          old.remove(); // these elements are already defined, by this file
          return undefined;
        }
        var fresh = document.createElement('script');
        for (var i = 0; i < old.attributes.length; i++) fresh.setAttribute(old.attributes[i].name, old.attributes[i].value);
        fresh.textContent = old.textContent;
        var loaded = fresh.hasAttribute('src')
          ? new Promise(function (resolve) {
              fresh.addEventListener('load', resolve);
              fresh.addEventListener('error', resolve); // a missing script must not keep the task from showing
            })
          : undefined;
        old.replaceWith(fresh);
        return loaded;
      });
    });
    return chain.then(function () {
      // The frame loaded long ago: templates waiting for these events get them now.
      document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }));
      window.dispatchEvent(new Event('load'));
      document.dispatchEvent(new Event('all-crowd-elements-ready', { bubbles: true }));
      reportHeight(true);
    });
  }

  var listening = false;

  /** Listens to `parent` (the portal) only, and tells it the frame is ready for the template. */
  function connect(parent) {
    parentWindow = parent || window.parent;
    if (!listening) {
      listening = true;
      window.addEventListener('message', function (event) {
        var data = event.data;
        if (!parentWindow || event.source !== parentWindow || !data || typeof data !== 'object') return;
        if (data.type === 'verity:render' && typeof data.html === 'string') render(data.html);
        else if (data.type === 'verity:submit') submitRequested();
        else if (data.type === 'verity:pick' && typeof data.index === 'number') pick(data.index, null);
      });
      document.addEventListener('keydown', onKey);
      if (typeof ResizeObserver === 'function') {
        new ResizeObserver(function () {
          reportHeight(false);
        }).observe(document.documentElement);
      }
    }
    post({ type: 'verity:ready' });
  }

  addStyle();
  window.VerityFrame = {
    connect: connect, render: render, collectAnswer: collectAnswer, submitFromFrame: submitFromFrame, parseCategories: parseCategories,
  };
})();
