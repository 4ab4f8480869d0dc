import { css, html, nothing } from 'lit';
import { BuiltAnswerTool, toolStyles } from './tool';
import { customAnswer, type Built } from './answers';

/**
 * Custom tasks: Verity does not render the requester's Liquid template, so the worker sees the task input (what the
 * pre-annotation Lambda returned) as JSON, with an image or text preview when it has a taskObject, and types the
 * answer as a JSON object.
 */
export class CustomTool extends BuiltAnswerTool {
  static properties = { text: { state: true } };
  declare text: string;

  static styles = [
    toolStyles,
    css`
      pre {
        background: #fff;
        border: 1px solid #e3e7ee;
        border-radius: 8px;
        padding: 12px;
        max-height: 40vh;
        overflow: auto;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        font-family: ui-monospace, monospace;
      }
      img {
        max-width: 100%;
        max-height: 50vh;
      }
    `,
  ];

  constructor() {
    super();
    this.text = '{\n  \n}';
  }

  protected build(): Built {
    return customAnswer(this.text);
  }

  pickLabel(): void {
    // A custom task has no label list the portal knows of.
  }

  render() {
    const input = this.task.taskInput;
    const object = typeof input?.taskObject === 'string' ? input.taskObject : null;
    const template = this.task.ui?.template ?? this.task.ui?.humanTaskUiArn;
    return html`
      <p class="muted">
        This job uses a custom worker template${template ? html` (<code>${template}</code>)` : nothing}, which the portal does not render.
        Read the task input below and type the answer as a JSON object, keyed as the template's form would submit it.
      </p>
      ${object && /^https?:\/\//.test(object) ? html`<img src=${object} alt="The task object" />` : nothing}
      <h4>Task input</h4>
      <pre data-testid="custom-input">${JSON.stringify(input ?? null, null, 2)}</pre>
      <h4>Answer</h4>
      <textarea
        data-testid="custom-answer"
        rows="8"
        spellcheck="false"
        .value=${this.text}
        @input=${(e: Event) => {
          this.text = (e.target as HTMLTextAreaElement).value;
          this.changed();
        }}
      ></textarea>
    `;
  }
}

if (!customElements.get('verity-custom-tool')) {
  customElements.define('verity-custom-tool', CustomTool);
}
