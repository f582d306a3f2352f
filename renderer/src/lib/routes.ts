/** The pages of the app, addressed by the URL hash so reloads and the back button work. */
export type Route =
  | { page: 'runs' }
  | { page: 'new-run' }
  | { page: 'run'; id: number }
  | { page: 'playground' }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/runs';
  if (path === '/' || path === '/runs') return { page: 'runs' };
  if (path === '/new') return { page: 'new-run' };
  if (path === '/playground') return { page: 'playground' };
  const run = /^\/runs\/(\d+)$/.exec(path);
  if (run) return { page: 'run', id: Number(run[1]) };
  return { page: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'runs':
      return '#/runs';
    case 'new-run':
      return '#/new';
    case 'run':
      return `#/runs/${route.id}`;
    case 'playground':
      return '#/playground';
    case 'not-found':
      return `#${route.path}`;
  }
}
