/**
 * The app's views, in navigation order. Each lab lives in its own folder (views/<id>/) and exports one
 * component; add a view here and its nav label to i18n/strings.ts.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

import type { StringKey } from '../i18n/strings';

export interface ViewDef {
  id: 'lessons' | 'playground' | 'training' | 'cnn' | 'rnn-lab' | 'attention-lab' | 'gan-lab' | 'vae-lab' | 'rl-lab' | 'mcts-lab' | 'graph' | 'experiments';
  label: StringKey;
  component: LazyExoticComponent<ComponentType>;
}

export const VIEWS: ViewDef[] = [
  { id: 'lessons', label: 'nav.lessons', component: lazy(() => import('./lessons/LessonsView')) },
  { id: 'playground', label: 'nav.playground', component: lazy(() => import('./playground/PlaygroundView')) },
  { id: 'training', label: 'nav.training', component: lazy(() => import('./training/TrainingView')) },
  { id: 'cnn', label: 'nav.cnn', component: lazy(() => import('./cnn/CnnView')) },
  { id: 'rnn-lab', label: 'nav.rnn', component: lazy(() => import('./rnn/RnnView')) },
  { id: 'attention-lab', label: 'nav.attention', component: lazy(() => import('./attention/AttentionView')) },
  { id: 'gan-lab', label: 'nav.gan', component: lazy(() => import('./gan/GanView')) },
  { id: 'vae-lab', label: 'nav.vae', component: lazy(() => import('./vae/VaeView')) },
  { id: 'rl-lab', label: 'nav.rl', component: lazy(() => import('./rl/RlView')) },
  { id: 'mcts-lab', label: 'nav.mcts', component: lazy(() => import('./mcts/MctsView')) },
  { id: 'graph', label: 'nav.graph', component: lazy(() => import('./graph/GraphView')) },
  { id: 'experiments', label: 'nav.experiments', component: lazy(() => import('./experiments/ExperimentsView')) },
];
