/** The renderer's entry: connects to the lab host, then shows the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';

import { App } from './App';
import { runSmokeIfAsked } from './connection/smokeMode';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/theme.css';

// The CSP forbids eval; without this zod probes `new Function` once (and reports a CSP violation) to
// decide whether to compile a parser. zod decides as each object schema is built, so no module this
// entry imports statically may build one: the labs' schemas load with the views (lazy chunks), and the
// shell reaches the preset code (which checks presets against them) by dynamic import (App.tsx).
zodConfig({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

runSmokeIfAsked();
