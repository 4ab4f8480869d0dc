/**
 * Ground Truth's layout Crowd HTML Elements for the task frame: crowd-modal, crowd-tabs (of crowd-tab), crowd-toast,
 * crowd-toggle-button (a form field, answered as {"<name>": {"<value>": on}}), crowd-icon-button, crowd-fab and
 * crowd-badge. Light DOM, so the template's own CSS and scripts reach their content.
 */

function make(tag: string, attributes: Record<string, string>, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Builds its light DOM once, when first connected, after the parser has added its children. */
abstract class LayoutElement extends HTMLElement {
  private built = false;

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    queueMicrotask(() => this.build());
  }

  protected abstract build(): void;
}

/** A link or button (link-type) that opens the element's content in a modal dialog. */
class CrowdModal extends LayoutElement {
  private dialog: HTMLDialogElement | null = null;

  protected build(): void {
    const dialog = make('dialog', { class: 'crowd-modal' }) as HTMLDialogElement;
    dialog.append(...this.childNodes);
    const close = make('button', { type: 'button', class: 'crowd-modal-close', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => this.close());
    dialog.prepend(close);
    // Escape closes the dialog here; it must not also reach the portal, which would release the task.
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        event.preventDefault();
        this.close();
      }
    });
    const button = this.getAttribute('link-type') === 'button';
    const trigger = make('button', { type: 'button', class: button ? 'crowd-modal-button' : 'crowd-link' }, this.getAttribute('link-text') || 'Click to open modal');
    trigger.addEventListener('click', () => this.open());
    this.dialog = dialog;
    this.append(trigger, dialog);
  }

  open(): void {
    if (this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  close(): void {
    this.dialog?.close();
  }
}

/** Its crowd-tab children as tabs (header attribute), one shown at a time; arrow keys move between them. */
class CrowdTabs extends LayoutElement {
  protected build(): void {
    const tabs = [...this.children].filter((c) => c.localName === 'crowd-tab') as HTMLElement[];
    const bar = make('div', { class: 'crowd-tab-bar', role: 'tablist' });
    const buttons = tabs.map((tab, i) => {
      const id = `crowd-tab-${Math.random().toString(36).slice(2)}`;
      tab.id ||= id;
      tab.setAttribute('role', 'tabpanel');
      const button = make('button', { type: 'button', role: 'tab', 'aria-controls': tab.id }, tab.getAttribute('header') || `Tab ${i + 1}`);
      button.addEventListener('click', () => select(i));
      button.addEventListener('keydown', (event) => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (step) {
          event.preventDefault();
          select((i + step + tabs.length) % tabs.length);
          buttons[(i + step + tabs.length) % tabs.length].focus();
        }
      });
      bar.appendChild(button);
      return button;
    });
    const select = (index: number) => {
      tabs.forEach((tab, i) => (tab.hidden = i !== index));
      buttons.forEach((button, i) => {
        button.setAttribute('aria-selected', String(i === index));
        button.tabIndex = i === index ? 0 : -1;
      });
    };
    this.prepend(bar);
    if (tabs.length) select(0);
  }
}

/** A notification (its text attribute, else its content) shown for duration ms when opened; one at a time. */
class CrowdToast extends LayoutElement {
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected build(): void {
    this.setAttribute('role', 'status');
    if (this.hasAttribute('text')) this.textContent = this.getAttribute('text');
    if (this.hasAttribute('opened')) this.open();
    else this.hidden = true;
  }

  open(): void {
    document.querySelectorAll<CrowdToast>('crowd-toast').forEach((other) => other !== this && other.close());
    this.hidden = false;
    this.setAttribute('opened', '');
    clearTimeout(this.timer);
    const duration = Number(this.getAttribute('duration') ?? 3000);
    if (duration > 0) this.timer = setTimeout(() => this.close(), duration);
  }

  close(): void {
    clearTimeout(this.timer);
    this.hidden = true;
    this.removeAttribute('opened');
  }
}

/** An on/off switch; in the form answer {"<name>": {"<value, default on>": checked}}, like a checkbox. */
class CrowdToggleButton extends LayoutElement {
  private button: HTMLButtonElement | null = null;

  protected build(): void {
    const button = make('button', { type: 'button', role: 'switch', class: 'crowd-toggle' }) as HTMLButtonElement;
    button.disabled = this.hasAttribute('disabled');
    button.setAttribute('aria-label', this.getAttribute('aria-label') || this.getAttribute('name') || 'Toggle');
    button.addEventListener('click', () => {
      this.checked = !this.checked;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    });
    this.button = button;
    this.prepend(button);
    this.checked = this.hasAttribute('checked') && this.getAttribute('checked') !== 'false';
  }

  get checked(): boolean {
    return this.button ? this.button.getAttribute('aria-checked') === 'true' : this.hasAttribute('checked');
  }

  set checked(on: boolean) {
    this.button?.setAttribute('aria-checked', String(on));
    this.classList.toggle('crowd-toggle-on', on);
  }

  crowdAnswer(): { flag: string; checked: boolean } {
    return { flag: this.getAttribute('value') || 'on', checked: this.checked };
  }

  crowdMissing(): string | null {
    return this.hasAttribute('required') && !this.checked ? `switch on "${this.getAttribute('name') || 'the toggle'}", it is required` : null;
  }
}

/**
 * The icon attribute: a URL is shown as an image; an iron-icons name (the stand-in has no icon set) as a glyph for a
 * few common ones, else the name's first letter.
 */
const GLYPHS: Record<string, string> = {
  'report-problem': '⚠',
  warning: '⚠',
  star: '★',
  check: '✓',
  close: '✕',
  add: '+',
  remove: '−',
  help: '?',
  info: 'i',
  search: '⌕',
  delete: '🗑',
  edit: '✎',
  favorite: '♥',
};

function icon(name: string | null, label: string | null): Node {
  if (name && /^(https?:|data:image\/)/.test(name)) return make('img', { src: name, alt: '', class: 'crowd-icon' });
  return document.createTextNode(name ? GLYPHS[name] ?? name.charAt(0).toUpperCase() : label ?? '');
}

/** crowd-icon-button and crowd-fab: a button showing an icon (or fab's one-character label), disabled if so marked. */
class CrowdIconButton extends LayoutElement {
  protected build(): void {
    const button = make('button', { type: 'button', class: 'crowd-icon-button' }) as HTMLButtonElement;
    button.appendChild(icon(this.getAttribute('icon'), this.getAttribute('label')));
    button.disabled = this.hasAttribute('disabled');
    button.setAttribute('aria-label', this.getAttribute('title') || this.getAttribute('icon') || this.getAttribute('label') || 'Button');
    // A disabled button's clicks must not reach the template's listeners on this element either.
    this.addEventListener('click', (event) => this.hasAttribute('disabled') && event.stopImmediatePropagation(), true);
    this.prepend(button);
  }
}

class CrowdFab extends CrowdIconButton {}

/** A small icon or label pinned to the top-right corner of the element its for attribute names (else its parent). */
class CrowdBadge extends LayoutElement {
  protected build(): void {
    const target = (this.getAttribute('for') && document.getElementById(this.getAttribute('for')!)) || this.parentElement;
    this.appendChild(icon(this.getAttribute('icon'), this.getAttribute('label')));
    if (target && target !== this.parentElement) target.appendChild(this);
    if (target && getComputedStyle(target).position === 'static') target.style.position = 'relative';
  }
}

export const LAYOUT_STYLE = `
crowd-modal, crowd-tabs, crowd-tab { display: block; }
crowd-tab[hidden] { display: none; }
crowd-modal { margin: 6px 0; }
dialog.crowd-modal { max-width: min(90vw, 720px); border: 1px solid #c9d0da; border-radius: 8px; padding: 16px 20px; }
.crowd-modal-close { float: right; border: none; background: none; font-size: 20px; cursor: pointer; }
.crowd-modal-button, .crowd-tab-bar button, .crowd-icon-button { font: inherit; padding: 5px 12px; border: 1px solid #c9d0da; border-radius: 6px; background: #fff; cursor: pointer; }
crowd-tabs { margin: 8px 0; }
.crowd-tab-bar { display: flex; gap: 4px; border-bottom: 1px solid #c9d0da; margin-bottom: 8px; }
.crowd-tab-bar button { border-bottom: none; border-radius: 6px 6px 0 0; }
.crowd-tab-bar button[aria-selected=true] { background: #e6edfc; border-color: #2456d6; font-weight: 600; }
crowd-toast { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); background: #1d2430; color: #fff; padding: 10px 16px; border-radius: 6px; z-index: 10; }
crowd-toast[hidden] { display: none; }
crowd-toggle-button { display: inline-block; margin: 4px 0; }
.crowd-toggle { width: 40px; height: 22px; border-radius: 11px; border: 1px solid #c9d0da; background: #dfe3ea; position: relative; cursor: pointer; vertical-align: middle; }
.crowd-toggle::after { content: ""; position: absolute; top: 2px; left: 2px; width: 16px; height: 16px; border-radius: 50%; background: #fff; box-shadow: 0 1px 2px #0004; transition: left .1s; }
.crowd-toggle[aria-checked=true] { background: #2456d6; border-color: #2456d6; }
.crowd-toggle[aria-checked=true]::after { left: 20px; }
crowd-toggle-button[invalid]:not(.crowd-toggle-on) .crowd-toggle { border-color: #b3261e; background: #f6c9c6; }
.crowd-toggle:disabled, .crowd-icon-button:disabled { opacity: .5; cursor: default; }
crowd-icon-button, crowd-fab { display: inline-block; }
.crowd-icon-button { min-width: 36px; min-height: 36px; border-radius: 50%; padding: 4px; }
.crowd-icon { width: 20px; height: 20px; vertical-align: middle; }
crowd-fab { position: fixed; right: 16px; bottom: 16px; z-index: 5; }
crowd-fab .crowd-icon-button { min-width: 48px; min-height: 48px; background: #2456d6; border-color: #2456d6; color: #fff; box-shadow: 0 2px 6px #0004; }
crowd-badge { position: absolute; top: -8px; right: -8px; min-width: 20px; height: 20px; padding: 0 5px; box-sizing: border-box; border-radius: 10px; background: #2456d6; color: #fff; font-size: 12px; line-height: 20px; text-align: center; }
`;

export const LAYOUT_ELEMENTS: Record<string, CustomElementConstructor> = {
  'crowd-modal': CrowdModal,
  'crowd-tabs': CrowdTabs,
  'crowd-toast': CrowdToast,
  'crowd-toggle-button': CrowdToggleButton,
  'crowd-icon-button': CrowdIconButton,
  'crowd-fab': CrowdFab,
  'crowd-badge': CrowdBadge,
};
