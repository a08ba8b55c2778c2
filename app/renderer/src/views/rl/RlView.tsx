/**
 * The RL lab: two environments behind one switch — the grid world (dynamic programming and the
 * model-free learners, GridworldPanel) and the cart-pole (policy gradients and DQN, CartpolePanel). A
 * lesson's preset or an opened preset file picks the environment its config is for.
 */
import { useEffect, useState } from 'react';

import { useI18n } from '../../i18n/i18n';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { CartpolePanel } from './CartpolePanel';
import { GridworldPanel } from './GridworldPanel';
import './rl.css';

type Env = 'gridworld' | 'cartpole';
const KEY = 'gradlab.rl.env';

export default function RlView() {
  const { t } = useI18n();
  const [preset] = useState(() => readPendingPreset('rl-lab'));
  useEffect(() => clearPendingPreset(), []);
  const [env, setEnv] = useState<Env>(() => {
    if (preset) return typeof preset.grid === 'string' ? 'gridworld' : 'cartpole';
    return localStorage.getItem(KEY) === 'cartpole' ? 'cartpole' : 'gridworld';
  });
  useEffect(() => localStorage.setItem(KEY, env), [env]);
  return (
    <div className="rl">
      <div className="rl-env" role="tablist" aria-label={t('rl.env.label')}>
        {(['gridworld', 'cartpole'] as const).map((e) => (
          <button key={e} type="button" role="tab" aria-selected={env === e} className={env === e ? 'current' : ''} data-testid={`rl-env-${e}`} onClick={() => setEnv(e)}>
            {t(`rl.env.${e}`)}
          </button>
        ))}
      </div>
      {env === 'gridworld' ? <GridworldPanel preset={preset && typeof preset.grid === 'string' ? preset : null} /> : <CartpolePanel preset={preset && typeof preset.grid !== 'string' ? preset : null} />}
    </div>
  );
}
