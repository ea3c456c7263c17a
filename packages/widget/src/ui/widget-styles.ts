/**
 * The widget's style sheet, inside its Shadow DOM (nothing leaks in or out).
 * Colours come from custom properties set on the host from data attributes.
 * Below 480 px wide the panel takes the whole screen.
 */
export const widgetStyles = `
:host {
  --lac-primary: #8b5e83;
  --lac-on-primary: #ffffff;
  --lac-surface: #ffffff;
  --lac-assistant-bg: #f3eef2;
  --lac-text: #2b2230;
  --lac-muted: #6b5f6e;
  --lac-error: #a1262d;
  all: initial;
  position: fixed;
  right: 20px;
  bottom: 20px;
  z-index: 2147483000;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: var(--lac-text);
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--lac-primary); outline-offset: 2px;
}
.bubble {
  width: 60px; height: 60px; border-radius: 50%; border: none;
  background: var(--lac-primary); color: var(--lac-on-primary);
  font-size: 28px; box-shadow: 0 6px 20px rgba(0,0,0,.25);
  display: flex; align-items: center; justify-content: center;
}
.bubble { position: relative; }
.bubble[data-unread="true"]::after {
  content: ""; position: absolute; top: 4px; right: 4px; width: 14px; height: 14px;
  border-radius: 50%; background: #2e7d32; border: 2px solid #fff;
}
.panel {
  position: absolute; right: 0; bottom: 76px;
  width: 380px; height: min(600px, calc(100vh - 110px));
  display: flex; flex-direction: column;
  background: var(--lac-surface); border-radius: 16px; overflow: hidden;
  box-shadow: 0 12px 40px rgba(0,0,0,.25);
}
.header {
  display: flex; align-items: center; gap: 8px; padding: 12px 14px;
  background: var(--lac-primary); color: var(--lac-on-primary);
}
.title { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }
.header button {
  border: 1px solid currentColor; background: transparent; color: inherit;
  border-radius: 999px; padding: 4px 10px; font-size: 12px; white-space: nowrap;
}
.header .close { border: none; font-size: 22px; line-height: 1; padding: 2px 8px; }
.toolbar { display: flex; gap: 6px; flex-wrap: wrap; padding: 6px 14px; border-bottom: 1px solid #eee; }
.toolbar button {
  border: 1px solid #cfc6d1; background: transparent; color: var(--lac-muted);
  border-radius: 999px; padding: 2px 10px; font-size: 12px; white-space: nowrap;
}
.erase-confirm { margin: 8px 14px 0; padding: 8px 10px; border-radius: 8px; background: #fff4e5; font-size: 13px; }
.erase-confirm p { margin: 0 0 6px; }
.erase-confirm button { border: 1px solid #cfc6d1; background: #fff; border-radius: 6px; padding: 2px 10px; margin-right: 6px; }
.erase-confirm .danger { background: var(--lac-error); border-color: var(--lac-error); color: #fff; }
.handover-status { margin: 0; padding: 6px 14px; background: #e8f5e9; color: #1b5e20; font-size: 13px; }
.handover-cancel { align-self: flex-start; margin: 4px 14px 0; border: none; background: transparent; color: var(--lac-muted); font-size: 12px; text-decoration: underline; cursor: pointer; padding: 0; }
.message-human { align-self: flex-start; background: #e8f5e9; border: 1px solid #a5d6a7; border-bottom-left-radius: 4px; }
.human-badge { display: inline-block; font-size: 13px; font-weight: 600; margin-bottom: 4px; color: #1b5e20; }
.handover-notice { align-self: center; max-width: 90%; text-align: center; font-size: 13px; color: var(--lac-muted); font-style: italic; }
.messages {
  flex: 1; overflow-y: auto; margin: 0; padding: 14px; list-style: none;
  display: flex; flex-direction: column; gap: 10px;
}
.welcome { color: var(--lac-muted); font-size: 14px; }
.thread-loading { align-self: center; text-align: center; color: var(--lac-muted); font-size: 13px; font-style: italic; }
.thread-loading p { margin: 0 0 6px; }
/* Posted before a reload and shown by the server's thread already: hidden until its post is answered (reposted-messages.ts). */
[data-duplicate="true"] { display: none; }
.message { max-width: 85%; padding: 9px 12px; border-radius: 14px; word-wrap: break-word; overflow-wrap: anywhere; }
.message-text { margin: 0; white-space: pre-wrap; }
.message-user {
  align-self: flex-end; background: var(--lac-primary); color: var(--lac-on-primary);
  border-bottom-right-radius: 4px;
}
/* Who wrote it, for a screen reader only (the answers have their badge): alt text of an empty generated box, not in the text copied. */
.message-user::before { content: "" / "Toi :"; }
.message-user[data-state="failed"] { opacity: .6; }
.message-user[data-state="failed"]::after { content: "non envoyé"; display: block; font-size: 12px; }
.message-user[data-state="queued"]::after { content: "en attente d’envoi"; display: block; font-size: 12px; }
.message-assistant { align-self: flex-start; background: var(--lac-assistant-bg); border-bottom-left-radius: 4px; }
.message-assistant.escalated { border: 2px solid #d9a441; }
.message-assistant[data-state="failed"] { color: var(--lac-error); }
.typing { letter-spacing: 3px; color: var(--lac-muted); }
.agent-badge { display: inline-block; font-size: 13px; font-weight: 600; margin-bottom: 4px; color: var(--lac-muted); }
.sources { margin-top: 8px; font-size: 12px; color: var(--lac-muted); }
.sources-list { margin: 2px 0 0; padding-left: 16px; }
.error {
  margin: 0 14px 8px; padding: 8px 10px; border-radius: 8px;
  background: #fdecee; color: var(--lac-error); font-size: 14px;
  display: flex; gap: 8px; align-items: center;
}
.error-text { flex: 1; margin: 0; }
.error button { border: 1px solid currentColor; background: transparent; color: inherit; border-radius: 6px; padding: 2px 8px; }
.composer { display: flex; flex-wrap: wrap; gap: 0 8px; padding: 10px 14px 14px; border-top: 1px solid #eee; }
.composer textarea {
  flex: 1; resize: none; min-height: 42px; max-height: 120px; padding: 10px;
  font: inherit; color: inherit; border: 1px solid #cfc6d1; border-radius: 10px;
}
.composer .send {
  border: none; border-radius: 10px; padding: 0 14px;
  background: var(--lac-primary); color: var(--lac-on-primary); font-weight: 600;
}
.composer .send:disabled { opacity: .5; cursor: not-allowed; }
.composer textarea[aria-invalid="true"] { border-color: var(--lac-error); }
.length-hints { flex-basis: 100%; font-size: 12px; }
.length-hints p { margin: 6px 0 0; }
.length-counter { text-align: right; color: var(--lac-muted); font-variant-numeric: tabular-nums; }
.length-counter[data-over] { color: var(--lac-error); font-weight: 600; }
.length-error { color: var(--lac-error); }
@media (max-width: 480px) {
  :host { right: 12px; bottom: 12px; }
  .panel {
    position: fixed; inset: 0; width: 100vw; height: 100dvh; border-radius: 0;
  }
  .message { max-width: 92%; }
  .bubble[aria-expanded="true"] { display: none; }
}
@media (prefers-reduced-motion: no-preference) {
  .bubble { transition: transform .15s ease; }
  .bubble:hover { transform: scale(1.06); }
}
`;
