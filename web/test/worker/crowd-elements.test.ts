import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import taskFrameHtml from '../../public/task-frame.html?raw';

interface VerityFrame {
  connect(parent: unknown): void;
  render(html: string): Promise<void>;
  parseCategories(text: string): string[];
}

type Message = { type: string; [key: string]: unknown };

/** The portal, as the frame sees it: whatever the frame posts to it lands here. */
const posted: Message[] = [];
const portal = { postMessage: (message: Message) => posted.push(JSON.parse(JSON.stringify(message))) };
let frame: VerityFrame;

const fromPortal = (data: unknown, source: unknown = portal) =>
  window.dispatchEvent(new MessageEvent('message', { data, source: source as Window }));

/** The last message of a type the frame posted. */
const last = (type: string) => [...posted].reverse().find((m) => m.type === type);

/** Lets the frame finish an answer: collecting it is asynchronous. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function press(key: string, target: Element, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

const SENTIMENT_FORM = `
  <crowd-form>
    <crowd-classifier name="sentiment" categories="['Positive', 'Negative', 'Neutral']" header="What is the tone?">
      <classification-target>I love it</classification-target>
      <full-instructions header="Sentiment">Read carefully.</full-instructions>
      <short-instructions>Pick one.</short-instructions>
    </crowd-classifier>
    <crowd-input name="comment" label="Why?" required></crowd-input>
    <crowd-checkbox name="agree">I am sure</crowd-checkbox>
  </crowd-form>`;

describe('crowd elements in the task frame', () => {
  beforeAll(async () => {
    // What dist/crowd-elements.js holds (see vite.config.ts).
    await import('../../src/frame/main');
    frame = (window as unknown as { VerityFrame: VerityFrame }).VerityFrame;
    frame.connect(portal);
  });

  beforeEach(() => {
    posted.length = 0;
  });

  it('is what task-frame.html loads, by a relative URL, before connecting to its parent', () => {
    expect(taskFrameHtml).toMatch(/<script src="\.\/crowd-elements\.js"><\/script>/);
    expect(taskFrameHtml).toMatch(/VerityFrame\.connect\(window\.parent\)/);
  });

  it('tells the portal it is ready', () => {
    // connect() ran in beforeAll, before posted was cleared: check it the next time round instead.
    const fresh: Message[] = [];
    const other = { postMessage: (m: Message) => fresh.push(m) };
    expect(() => frame.connect(other)).not.toThrow();
    expect(fresh).toEqual([{ type: 'verity:ready' }]);
    frame.connect(portal); // back to the test portal
  });

  it('submits the classifier, input and checkbox exactly as Ground Truth keys them', async () => {
    await frame.render(SENTIMENT_FORM);
    const buttons = document.querySelectorAll<HTMLButtonElement>('crowd-classifier .crowd-categories button');
    expect([...buttons].map((b) => b.firstChild!.textContent)).toEqual(['Positive', 'Negative', 'Neutral']);
    buttons[1].click();
    buttons[0].click();
    expect(buttons[0].getAttribute('aria-pressed')).toBe('true');
    expect(buttons[1].getAttribute('aria-pressed')).toBe('false');
    type($<HTMLInputElement>('crowd-input input'), 'sounds happy');
    $('crowd-checkbox').click();

    fromPortal({ type: 'verity:submit' });

    await settled();

    expect(last('verity:answer')).toEqual({
      type: 'verity:answer',
      answerContent: { sentiment: { label: 'Positive' }, comment: 'sounds happy', agree: { on: true } },
    });
  });

  it('refuses a submit while a required field is empty, naming it', async () => {
    await frame.render(SENTIMENT_FORM);
    $<HTMLButtonElement>('crowd-classifier .crowd-categories button').click();

    fromPortal({ type: 'verity:submit' });

    await settled();

    expect(last('verity:answer')).toBeUndefined();
    expect(last('verity:invalid')).toEqual({ type: 'verity:invalid', message: '"Why?" is required' });
    expect($('[data-testid="crowd-form-error"]').textContent).toBe('"Why?" is required');
    expect($('crowd-input').classList.contains('crowd-invalid')).toBe(true);
  });

  it('refuses a submit until a category is chosen', async () => {
    await frame.render(SENTIMENT_FORM);
    type($<HTMLInputElement>('crowd-input input'), 'x');

    fromPortal({ type: 'verity:submit' });

    await settled();

    expect(last('verity:invalid')?.message).toBe('choose a category for "What is the tone?"');
  });

  it('ignores messages that do not come from the portal', async () => {
    await frame.render(SENTIMENT_FORM);
    fromPortal({ type: 'verity:submit' }, { postMessage() {} });
    fromPortal({ type: 'verity:render', html: '<p id="evil">x</p>' }, window);
    expect(posted.filter((m) => m.type !== 'verity:height')).toEqual([]);
    expect(document.getElementById('evil')).toBeNull();
  });

  it('renders what the portal sends and re-creates the template scripts so they run, dropping the Ground Truth loader', async () => {
    const ready: string[] = [];
    document.addEventListener('all-crowd-elements-ready', () => ready.push('ready'), { once: true });
    fromPortal({
      type: 'verity:render',
      html: '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><script id="mine" data-x="1">window.ranIt = true;</script><crowd-form><crowd-input name="a" value="1"></crowd-input></crowd-form>',
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const scripts = document.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0].id).toBe('mine');
    expect(scripts[0].getAttribute('data-x')).toBe('1');
    expect(scripts[0].textContent).toBe('window.ranIt = true;');
    expect(ready).toEqual(['ready']);
    expect(last('verity:height')).toMatchObject({ type: 'verity:height', height: expect.any(Number) });
  });

  it('adds a Submit button only when the template has none, and takes a click on it as the worker submitting', async () => {
    await frame.render('<crowd-form><crowd-input name="a" value="x"></crowd-input></crowd-form>');
    $<HTMLButtonElement>('[data-testid="crowd-submit"]').click();
    await settled();
    expect(last('verity:answer')).toEqual({ type: 'verity:answer', answerContent: { a: 'x' }, fromFrame: true });

    await frame.render('<crowd-form><crowd-input name="a"></crowd-input><crowd-button form-action="submit">Send</crowd-button></crowd-form>');
    expect(document.querySelector('[data-testid="crowd-submit"]')).toBeNull();
  });

  it('collects same-name checkboxes into one object, radio buttons, sliders, text areas and native fields', async () => {
    await frame.render(`
      <crowd-form>
        <crowd-checkbox name="colour" value="Red" checked="true">Red</crowd-checkbox>
        <crowd-checkbox name="colour" value="Green">Green</crowd-checkbox>
        <crowd-radio-group>
          <crowd-radio-button name="yes" value="yes">Yes</crowd-radio-button>
          <crowd-radio-button name="no" value="no" checked>No</crowd-radio-button>
        </crowd-radio-group>
        <crowd-slider name="howMuch" min="1" max="10" value="7"></crowd-slider>
        <crowd-text-area name="essay" value="Birds fly."></crowd-text-area>
        <input name="native" value="typed">
        <input type="checkbox" name="box" checked>
        <select name="pick"><option value="a">A</option><option value="b" selected>B</option></select>
        <input type="submit" value="Go">
      </crowd-form>`);
    $('crowd-radio-button[name="yes"]').click();

    fromPortal({ type: 'verity:submit' });

    await settled();

    expect(last('verity:answer')?.answerContent).toEqual({
      colour: { Red: true, Green: false },
      yes: { yes: true },
      no: { no: false },
      howMuch: 7,
      essay: 'Birds fly.',
      native: 'typed',
      box: { on: true },
      pick: 'b',
    });
  });

  it('answers a multi-select classifier with its labels in category order, and an image classifier with its comment', async () => {
    await frame.render(`
      <crowd-form>
        <crowd-classifier-multi-select name="topics" categories='["sport", "politics", "art"]' header="Topics"></crowd-classifier-multi-select>
        <crowd-image-classifier name="animal" src="https://img/1.png" categories='["cat", "dog"]' header="Animal">
          <worker-comment header="Why?"></worker-comment>
        </crowd-image-classifier>
      </crowd-form>`);
    const topics = document.querySelectorAll<HTMLButtonElement>('crowd-classifier-multi-select button');
    topics[2].click();
    topics[0].click();
    topics[1].click();
    topics[1].click(); // toggled off again
    expect($<HTMLImageElement>('crowd-image-classifier img').getAttribute('src')).toBe('https://img/1.png');
    document.querySelectorAll<HTMLButtonElement>('crowd-image-classifier button')[1].click();
    type($<HTMLTextAreaElement>('crowd-image-classifier textarea'), ' blurry ');

    fromPortal({ type: 'verity:submit' });

    await settled();

    expect(last('verity:answer')?.answerContent).toEqual({
      topics: { labels: ['sport', 'art'] },
      animal: { label: 'dog', workerComment: 'blurry' },
    });
  });

  it('picks category n with key n inside a classifier, and when the portal asks', async () => {
    await frame.render(SENTIMENT_FORM);
    const buttons = document.querySelectorAll<HTMLButtonElement>('crowd-classifier .crowd-categories button');
    expect(press('3', $('classification-target')).defaultPrevented).toBe(true);
    expect(buttons[2].getAttribute('aria-pressed')).toBe('true');
    // Typing a digit into a field is typing, not picking.
    press('1', $('crowd-input input'));
    expect(buttons[0].getAttribute('aria-pressed')).toBe('false');

    fromPortal({ type: 'verity:pick', index: 1 });
    expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
    expect(buttons[2].getAttribute('aria-pressed')).toBe('false');
  });

  it('hands the portal its shortcuts pressed inside the frame', async () => {
    await frame.render(SENTIMENT_FORM);
    expect(press('Enter', $('crowd-input input')).defaultPrevented).toBe(true);
    expect(last('verity:key')).toEqual({ type: 'verity:key', key: 'Enter', shiftKey: false });
    press('R', $('classification-target'), { shiftKey: true });
    expect(last('verity:key')).toEqual({ type: 'verity:key', key: 'R', shiftKey: true });
    posted.length = 0;
    press('r', $('crowd-input input'), { shiftKey: true }); // typing a capital R
    expect(last('verity:key')).toBeUndefined();
  });

  it("lets the template's own submit listener stop the submit", async () => {
    await frame.render('<crowd-form><crowd-input name="a" value="x"></crowd-input></crowd-form>');
    $('crowd-form').addEventListener('submit', (e) => e.preventDefault());
    fromPortal({ type: 'verity:submit' });
    await settled();
    expect(last('verity:invalid')?.message).toMatch(/task's own checks stopped the submit/);
  });

  it('refuses a task using an element it cannot show, and one without a form', async () => {
    await frame.render('<crowd-form><crowd-video-classifier name="clip"></crowd-video-classifier><crowd-input name="a" value="x"></crowd-input></crowd-form>');
    fromPortal({ type: 'verity:submit' });
    await settled();
    expect(last('verity:invalid')?.message).toBe('this task uses <crowd-video-classifier>, which the portal cannot show yet');

    await frame.render('<p>no form</p>');
    fromPortal({ type: 'verity:submit' });
    await settled();
    expect(last('verity:invalid')?.message).toBe('the task has no <crowd-form>, so there is no answer to submit');
  });

  it('reads categories as JSON or single-quoted as in the Ground Truth docs, and refuses anything else', () => {
    expect(frame.parseCategories('["a", "b"]')).toEqual(['a', 'b']);
    expect(frame.parseCategories("['it\\'s', 'b']")).toEqual(["it's", 'b']);
    expect(() => frame.parseCategories('a, b')).toThrow('categories is not a JSON array: a, b');
  });
});
