import { parseRoute, routeHref, type Route } from './routes.js';

export type { Route } from './routes.js';

/** The current page, following `location.hash`. */
export class Router {
  route = $state<Route>(parseRoute(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(window.location.hash);
    });
  }

  go(route: Route): void {
    window.location.hash = routeHref(route);
  }
}
