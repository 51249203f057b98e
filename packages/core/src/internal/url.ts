/**
 * URL checks without DOM typings: `URL` exists in every browser and in Node, but its TypeScript
 * type comes from lib DOM, so it is reached through a structural type.
 */
interface UrlLike {
  protocol: string;
  host: string;
  href: string;
}
type UrlConstructor = new (input: string) => UrlLike;

/** The normalized `http:`/`https:` URL in `text`, or `undefined` when it is not one. */
export function httpUrl(text: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(text)) return undefined;
  const Url = (globalThis as { URL?: UrlConstructor }).URL;
  if (!Url) return text;
  try {
    const url = new Url(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') return undefined;
    return url.href;
  } catch {
    return undefined; // not a parseable URL: the caller reports the input as unrecognized
  }
}
