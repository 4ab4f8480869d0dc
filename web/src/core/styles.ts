import { css } from 'lit';

/** Shared look: plain, dense, readable; components add their own layout. */
export const baseStyles = css`
  :host {
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #1d2433;
    font-size: 14px;
  }
  button {
    font: inherit;
    border: 1px solid #b8c0cc;
    background: #fff;
    border-radius: 6px;
    padding: 6px 12px;
    cursor: pointer;
  }
  button.primary {
    background: #2456d6;
    border-color: #2456d6;
    color: #fff;
  }
  button.danger {
    color: #b3261e;
    border-color: #e0a39f;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  input,
  select,
  textarea {
    font: inherit;
    border: 1px solid #b8c0cc;
    border-radius: 6px;
    padding: 5px 8px;
  }
  .error {
    color: #b3261e;
    background: #fdecea;
    border: 1px solid #f3b8b3;
    border-radius: 6px;
    padding: 8px 12px;
    white-space: pre-wrap;
  }
  .muted {
    color: #5f6b7a;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 6px 8px;
    border-bottom: 1px solid #e3e7ee;
  }
  .card {
    background: #fff;
    border: 1px solid #e3e7ee;
    border-radius: 8px;
    padding: 16px;
  }
`;
