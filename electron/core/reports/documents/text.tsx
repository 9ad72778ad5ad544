import { Text as PdfText, type TextProps } from '@react-pdf/renderer';
import { Children, type PropsWithChildren, type ReactNode } from 'react';
import { ARABIC_SCRIPT_FONTS } from '../fonts';

/** Arabic-script letters with the marks, joiners and spaces between them: one run, set in one font so it joins. */
const ARABIC_RUN = /\p{Script=Arabic}(?:[\p{Script=Arabic}\p{M}\u200c\u200d ]*[\p{Script=Arabic}\p{M}])?/gu;
const ARABIC_STYLE = { fontFamily: ARABIC_SCRIPT_FONTS };

/**
 * A name or any words as they print: each run of Arabic script is a nested text set in Noto Sans
 * Arabic first (react-pdf 4.9 picks a font per character, diegomura/react-pdf#2424), the rest as it is.
 */
export function inScript(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const run of text.matchAll(ARABIC_RUN)) {
    if (run.index > at) parts.push(text.slice(at, run.index));
    parts.push(
      <PdfText key={run.index} style={ARABIC_STYLE}>
        {run[0]}
      </PdfText>,
    );
    at = run.index + run[0].length;
  }
  if (parts.length === 0) return text;
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** react-pdf's Text, with every string in it drawn through `inScript`: what the reports' documents use for words. */
export function Text({ children, ...props }: PropsWithChildren<TextProps>) {
  return <PdfText {...props}>{Children.map(children, (child) => (typeof child === 'string' ? inScript(child) : child))}</PdfText>;
}
