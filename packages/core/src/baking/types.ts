/**
 * The image formats a badge can be baked into.
 *
 * @example
 * ```ts
 * import { imageType, type ImageType } from '@citiesoflearning/core';
 * const type: ImageType | undefined = imageType(bytes); // 'png' | 'svg' | undefined
 * ```
 */
export type ImageType = 'png' | 'svg';

/**
 * What {@link unbake} finds in a baked image.
 *
 * @example
 * ```ts
 * import { unbake, type BakedBadge } from '@citiesoflearning/core';
 * const badge: BakedBadge | undefined = unbake(bytes);
 * // { image: 'png', version: 3, text: '{"@context":[…],"type":["VerifiableCredential",…]}', legacyUrl: false }
 * ```
 */
export interface BakedBadge {
  /** The image format it was read from. */
  image: ImageType;
  /** Open Badges version, from the PNG keyword or the SVG element and namespace. */
  version: 2 | 3;
  /** Exactly what was baked: the assertion/credential JSON, a compact JWS, or (legacy) a URL. */
  text: string;
  /**
   * `true` when `text` is a bare http(s) URL of a hosted assertion (legacy OB 1.x/2.0 baking)
   * rather than the badge itself: fetch it to get the assertion.
   */
  legacyUrl: boolean;
}
