/** The renderer's entry: connects to the lab host, then shows the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/theme.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
