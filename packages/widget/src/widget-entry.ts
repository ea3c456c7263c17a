import { defineChatWidgetElement, WIDGET_TAG_NAME } from './ui/chat-widget-element.ts';

/**
 * Bundle entry (dist/widget.js). Embedding:
 *
 *   <script src="https://api.example/widget.js" data-title="…" data-primary-color="#8b5e83" defer></script>
 *
 * defines `<lac-chat-widget>` and, unless the page already has one, adds one to
 * <body> carrying the script's data attributes. Without `data-api-url` the API
 * is the origin the script was loaded from.
 */
const script = document.currentScript as HTMLScriptElement | null;

function mountWidget(): void {
  defineChatWidgetElement();
  if (document.querySelector(WIDGET_TAG_NAME)) return;
  const widget = document.createElement(WIDGET_TAG_NAME);
  if (script) {
    for (const attribute of Array.from(script.attributes)) {
      if (attribute.name.startsWith('data-')) widget.setAttribute(attribute.name, attribute.value);
    }
    if (!widget.hasAttribute('data-api-url') && script.src) widget.setAttribute('data-api-url', new URL(script.src).origin);
  }
  document.body.append(widget);
}

if (document.body) mountWidget();
else document.addEventListener('DOMContentLoaded', mountWidget, { once: true });
