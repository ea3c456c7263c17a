import { describe, expect, it } from 'vitest';
import { DEFAULT_TITLE, readWidgetOptions, safeCssColor } from './widget-options.ts';

const reader = (attributes: Record<string, string>) => (name: string) => attributes[name] ?? null;

describe('widget options from data attributes', () => {
  it('reads every option, with defaults', () => {
    expect(readWidgetOptions(reader({}), 'https://api.example/')).toEqual({
      apiBaseUrl: 'https://api.example',
      title: DEFAULT_TITLE,
      primaryColor: undefined,
      textColor: undefined,
      v2SharePercent: undefined,
      v1Url: undefined,
      openAtLoad: false,
    });
    expect(
      readWidgetOptions(
        reader({ 'api-url': 'https://chat.example/', title: ' Bonjour ', 'primary-color': '#123abc', 'text-color': 'white', 'v2-share': '140', 'v1-url': 'https://n8n.example', open: 'true' }),
        'https://ignored.example',
      ),
    ).toEqual({
      apiBaseUrl: 'https://chat.example',
      title: 'Bonjour',
      primaryColor: '#123abc',
      textColor: 'white',
      v2SharePercent: 100,
      v1Url: 'https://n8n.example',
      openAtLoad: true,
    });
  });

  it('lets only plain colours through to the style sheet', () => {
    expect(safeCssColor('#fff')).toBe('#fff');
    expect(safeCssColor('rgb(10, 20, 30)')).toBe('rgb(10, 20, 30)');
    expect(safeCssColor('hsl(300 50% 40% / .5)')).toBe('hsl(300 50% 40% / .5)');
    expect(safeCssColor('red; background: url(https://evil.example)')).toBeUndefined();
    expect(safeCssColor('url(javascript:alert(1))')).toBeUndefined();
    expect(safeCssColor('expression(alert(1))')).toBeUndefined();
    expect(safeCssColor('')).toBeUndefined();
  });
});
