import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { HashRouter } from 'react-router-dom';
import { ApiError, type ErrorCode } from '../shared/api/result';
import { Root } from './features/shell/Root';
import { keys } from './lib/queries';
import { cssVariablesResolver, theme } from './theme';

const SESSION_ENDED: ReadonlySet<ErrorCode> = new Set(['LOCKED', 'NOT_SIGNED_IN']);

export function App() {
  const [queryClient] = useState(() => {
    // A call refused because Key Desk locked itself (or the session ended) means the screen is stale:
    // fetch the status again and the lock or sign-in screen takes over.
    const onError = (error: Error) => {
      if (error instanceof ApiError && SESSION_ENDED.has(error.code)) void client.invalidateQueries({ queryKey: keys.status });
    };
    const client: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    });
    return client;
  });
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <HashRouter>
          <Root />
        </HashRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
