import type { Lang } from "../i18n.ts";

/**
 * The feedback form's URL for one tract (web.md §3.7.9): `{geoid}` and `{lang}` of the
 * configured `feedback.tractUrl` filled in, URL-encoded.
 */
export function feedbackHref(template: string, geoid: string, lang: Lang): string {
  return template
    .replaceAll("{geoid}", encodeURIComponent(geoid))
    .replaceAll("{lang}", encodeURIComponent(lang));
}
