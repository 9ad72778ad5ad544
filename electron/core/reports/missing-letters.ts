import { Font } from '@react-pdf/renderer';
import { LETTER_FAMILIES } from './fonts';

/** U+FFFD, the replacement character: DejaVu Sans draws it as a question mark in a diamond. */
const REPLACEMENT = '\uFFFD';

interface Letters {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** Control characters, spaces and joiners: never drawn, so never replaced. */
const NOT_DRAWN = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/u;

/** The regular face of each bundled family: the same font objects react-pdf then draws with. */
async function bundledLetters(): Promise<Letters[]> {
  return Promise.all(
    LETTER_FAMILIES.map(async (fontFamily) => {
      await Font.load({ fontFamily });
      return Font.getFont({ fontFamily }).data as unknown as Letters;
    }),
  );
}

function replaceIn(value: unknown, missing: (text: string) => string): unknown {
  if (typeof value === 'string') return missing(value);
  if (Array.isArray(value)) return value.map((v) => replaceIn(v, missing));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIn(v, missing)]));
  return value;
}

/**
 * The report's data with each letter that no bundled font has (a Tamil, Bengali or Ethiopic name,
 * say) replaced by U+FFFD, so it is drawn as a visible mark in its place. Left as it is, react-pdf
 * would draw it as an empty box laid out with the wrong width, over the words beside it.
 */
export async function withMissingLettersMarked<T>(data: T): Promise<T> {
  const fonts = await bundledLetters();
  const known = new Map<number, boolean>();
  const drawable = (codePoint: number) => {
    let has = known.get(codePoint);
    if (has === undefined) known.set(codePoint, (has = fonts.some((f) => f.hasGlyphForCodePoint(codePoint))));
    return has;
  };
  const missing = (text: string) =>
    /[^\x00-\x7f]/.test(text) ? Array.from(text, (c) => (c.codePointAt(0)! < 0x80 || NOT_DRAWN.test(c) || drawable(c.codePointAt(0)!) ? c : REPLACEMENT)).join('') : text;
  return replaceIn(data, missing) as T;
}
