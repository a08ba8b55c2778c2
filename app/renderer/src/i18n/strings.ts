/**
 * Every string of the UI, in English and 简体中文, keyed by id: the shell's own here, each view's in
 * views/<id>/strings.ts (keys prefixed with the view's id), merged below. Chinese terms follow the primer
 * (../shared/GLOSSARY.md). Both languages must have every key (a type error otherwise), and the
 * end-to-end i18n test checks that no English string shows on a page in Chinese. `{name}` in a string is
 * replaced by t(key, {name}).
 */
import { chartStrings } from '../charts/strings';
import { attentionStrings } from '../views/attention/strings';
import { cnnStrings } from '../views/cnn/strings';
import { experimentsStrings } from '../views/experiments/strings';
import { ganStrings } from '../views/gan/strings';
import { graphStrings } from '../views/graph/strings';
import { playgroundStrings } from '../views/playground/strings';
import { rnnStrings } from '../views/rnn/strings';
import { trainingStrings } from '../views/training/strings';
import { vaeStrings } from '../views/vae/strings';

const shellEn = {
  'app.title': 'Gradient Lab',
  'app.subtitle': 'Deep learning, run live',
  'nav.playground': 'Optimizer playground',
  'nav.training': 'Training lab',
  'nav.cnn': 'CNN lab',
  'nav.rnn': 'RNN lab',
  'nav.attention': 'Attention lab',
  'nav.gan': 'GAN lab',
  'nav.vae': 'VAE lab',
  'nav.graph': 'Computation graph',
  'nav.experiments': 'Experiments',
  'nav.label': 'Labs',
  'app.window_title': 'Gradient Lab · 梯度实验室',
  'lang.switch': '中文',
  'lang.label': 'Language',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'theme.label': 'Theme',
  'conn.connecting': 'Connecting to the lab host…',
  'conn.ready': 'Connected',
  'conn.lost': 'The lab host is not reachable: {reason}',
  'conn.retry': 'Retry',
  'error.details': 'Details',
  'schedule.label': 'Learning-rate schedule',
  'schedule.constant': 'Constant',
  'schedule.step': 'Step decay: × γ every N steps',
  'schedule.exponential': 'Exponential decay: × γ each step',
  'schedule.cosine': 'Cosine: down to min × lr over N steps',
  'schedule.field.step_size': 'every N steps',
  'schedule.field.gamma': 'γ',
  'schedule.field.total': 'over N steps',
  'schedule.field.min_factor': 'min',
  'schedule.field.warmup': 'warm-up steps',
  'runs.other.paused': 'Run #{id} ({name}) of this lab is paused, and this view does not follow it.',
  'runs.other.running': 'Run #{id} ({name}) of this lab is running, and this view does not follow it.',
  'runs.other.resume': 'Resume',
  'view.failed.title': 'The {view} view stopped with an error',
  'view.failed.hint': 'The other views still work. Its settings are kept; showing it again starts it from them.',
  'view.failed.retry': 'Show it again',
  'view.failed.details': 'Details for a bug report',
  'control.play': 'Play',
  'control.pause': 'Pause',
  'control.step': 'Step',
  'control.stop': 'Stop',
  'control.reset': 'Reset',
  'control.speed': 'Speed',
  'control.speed.max': 'max',
  'control.speed.per_s': '{n}/s',
  'control.toolbar': 'Run controls',
  'keys.hint': 'Space: play / pause · →: one step · R: reset',
  'field.expected': 'expected {what}',
  'field.optimizer': 'Optimizer',
  'field.optimizer.locked': 'A run is under way: Reset to change the optimizer (its settings can change live)',
  'field.reset_to_apply': 'Reset to apply: these settings are fixed while a run is under way',
} as const;

const shellZh: Record<keyof typeof shellEn, string> = {
  'app.title': '梯度实验室',
  'app.subtitle': '边运行边学习深度学习',
  'nav.playground': '优化器演练场',
  'nav.training': '训练实验',
  'nav.cnn': '卷积神经网络',
  'nav.rnn': '循环神经网络',
  'nav.attention': '注意力机制',
  'nav.gan': '生成对抗网络',
  'nav.vae': '变分自编码器',
  'nav.graph': '计算图',
  'nav.experiments': '实验',
  'nav.label': '实验室',
  'app.window_title': '梯度实验室',
  'lang.switch': 'English',
  'lang.label': '语言',
  'theme.light': '浅色',
  'theme.dark': '深色',
  'theme.label': '主题',
  'conn.connecting': '正在连接实验主机…',
  'conn.ready': '已连接',
  'conn.lost': '无法连接实验主机：{reason}',
  'conn.retry': '重试',
  'error.details': '详细信息',
  'schedule.label': '学习率调度',
  'schedule.constant': '不变',
  'schedule.step': '阶梯衰减：每 N 步乘以 γ',
  'schedule.exponential': '指数衰减：每步乘以 γ',
  'schedule.cosine': '余弦：在 N 步内降到 min × lr',
  'schedule.field.step_size': '每 N 步',
  'schedule.field.gamma': 'γ',
  'schedule.field.total': '共 N 步',
  'schedule.field.min_factor': 'min',
  'schedule.field.warmup': '预热步数',
  'runs.other.paused': '本实验的运行 #{id}（{name}）已暂停，当前视图未跟随它。',
  'runs.other.running': '本实验的运行 #{id}（{name}）正在运行，当前视图未跟随它。',
  'runs.other.resume': '继续',
  'view.failed.title': '“{view}”视图出错停止了',
  'view.failed.hint': '其他视图仍可使用。它的设置已保留，重新显示时从这些设置开始。',
  'view.failed.retry': '重新显示',
  'view.failed.details': '错误报告所需的详细信息',
  'control.play': '运行',
  'control.pause': '暂停',
  'control.step': '单步',
  'control.stop': '停止',
  'control.reset': '重置',
  'control.speed': '速度',
  'control.speed.max': '最快',
  'control.speed.per_s': '{n} 步/秒',
  'control.toolbar': '运行控制',
  'keys.hint': '空格：运行 / 暂停 · →：单步 · R：重置',
  'field.expected': '应为 {what}',
  'field.optimizer': '优化器',
  'field.optimizer.locked': '运行进行中：重置后才能更换优化器（其超参数可随时修改）',
  'field.reset_to_apply': '重置后生效：运行进行中，这些设置不能修改',
};

const en = { ...shellEn, ...playgroundStrings.en, ...trainingStrings.en, ...cnnStrings.en, ...rnnStrings.en, ...attentionStrings.en, ...ganStrings.en, ...vaeStrings.en, ...graphStrings.en, ...experimentsStrings.en, ...chartStrings.en };
export type StringKey = keyof typeof en;
const zh: Record<StringKey, string> = { ...shellZh, ...playgroundStrings.zh, ...trainingStrings.zh, ...cnnStrings.zh, ...rnnStrings.zh, ...attentionStrings.zh, ...ganStrings.zh, ...vaeStrings.zh, ...graphStrings.zh, ...experimentsStrings.zh, ...chartStrings.zh };

export type Lang = 'en' | 'zh-CN';
export const STRINGS: Record<Lang, Record<StringKey, string>> = { en, 'zh-CN': zh };
