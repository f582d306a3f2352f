import { z } from 'zod';

// The page's content security policy forbids eval, which zod would otherwise probe for (and report
// as a violation) when the first schema is built. Imported first by main.ts, before any schema.
z.config({ jitless: true });
