#!/usr/bin/env node
// Runs the head-office CLI from its TypeScript source through tsx, from any
// working directory (paths below are relative to this file, not the cwd).
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/headoffice/cli/main.ts', import.meta.url).href);
