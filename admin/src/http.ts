// The back office's one axios instance (the shared factory), sending the administrator's token.
// Each area's calls live in api/<area>.ts on top of it; a 401 sends the page to login and back (main.ts).
import { createApiClient } from '@meiduo/client/http';
import { session } from './session';

const client = createApiClient({ token: () => session.token });
export const http = client.http;
export const setUnauthorizedHandler = client.setUnauthorizedHandler;

/** Every admin call but the login sends the token, and a 401 answer leaves for the login page. */
export const authenticated = { authenticated: true } as const;
