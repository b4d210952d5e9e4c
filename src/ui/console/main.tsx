import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n/index.js';
import '../design/base.css';
import '../design/controls.css';
import '../design/feedback.css';
import '../app/shell.css';
import './console.css';
import { ConsoleApp } from './ConsoleApp.js';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  );
}
