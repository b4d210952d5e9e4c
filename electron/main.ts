/**
 * Electron main entry, bundled to dist/electron/main.cjs (package.json
 * "main"). Everything it does lives in app.ts, which tests drive with a fake
 * electron module.
 */
import * as electron from 'electron';
import path from 'node:path';
import { startDesktopApp } from './app.js';

// The bundle sits in dist/electron/, so dist/ is one level up.
startDesktopApp(electron, { distDir: path.resolve(__dirname, '..') });
