import type { ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { renderScreen } from '../../render';

function Where() {
  const location = useLocation();
  return <p data-testid="address">{`${location.pathname}${location.search}`}</p>;
}

/** The screens at their routes, the router at `at`, with the address shown for tests to check. */
export function renderAt(at: string, routes: Record<string, ReactNode>) {
  return renderScreen(
    <>
      <Routes>
        {Object.entries(routes).map(([path, element]) => (
          <Route key={path} path={path} element={element} />
        ))}
      </Routes>
      <Where />
    </>,
    at,
  );
}
