import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

export const MAIN_ID = 'main-content';

/** How long a page may take to draw its heading (a record still loading) before focus goes to main. */
const WAIT_FOR_HEADING_MS = 3000;

/**
 * Puts focus on the page's own heading (the first in main), so a screen reader starts reading the
 * new page and Tab goes on from there. Waits for a page that is still loading; falls back to main.
 */
function focusPageHeading(): () => void {
  const main = document.getElementById(MAIN_ID);
  if (!main) return () => {};
  const focus = (target: HTMLElement) => {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  };
  const heading = () => main.querySelector<HTMLElement>('h1, h2');
  const now = heading();
  if (now) {
    focus(now);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const found = heading();
    if (!found) return;
    stop();
    focus(found);
  });
  const timer = window.setTimeout(() => {
    stop();
    focus(main);
  }, WAIT_FOR_HEADING_MS);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

/** On every move to another page (not a tab or a search within one), focus its heading. */
export function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // The first page after signing in keeps the browser's own start.
    if (first.current) {
      first.current = false;
      return;
    }
    return focusPageHeading();
  }, [pathname]);
}

/** The first thing Tab reaches: past the header and the menu, to the page itself. */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        // HashRouter: following #main-content would change the page.
        event.preventDefault();
        focusPageHeading();
      }}
    >
      Skip to main content
    </a>
  );
}
