// The graph view's pure parts: the chain-rule lines with the lesson's numbers (the graph JSON as the host
// returns it for L = (w·x + b − y)² at w=2, x=3, b=1, y=4), the stepper's order, the variables of a typed
// expression and the number format.
import { describe, expect, it } from 'vitest';

import { expressionBackward, expressionForward, localRule } from '../../app/renderer/src/views/graph/chainRule';
import { expressionVariables } from '../../app/renderer/src/views/graph/expressionVariables';
import type { ExpressionGraph } from '../../app/renderer/src/views/graph/graphTypes';
import { stepState } from '../../app/renderer/src/views/graph/useGraphStepper';
import { compactNumber as formatNumber } from '../../src/format/number';

const node = (id: number, op: string, label: string, text: string, value: number, grad: number | null, inputs: number[] = [], local: (number | null)[] = []) => ({ id, op, label, text, value, grad, inputs, local });
const LESSON: ExpressionGraph = {
  kind: 'expression',
  expression: '(w*x + b - y)^2',
  value: 9,
  dot: '',
  output: 8,
  variables: { w: 0, x: 1, b: 3, y: 5 },
  nodes: [
    node(0, 'var', 'w', 'w', 2, 18),
    node(1, 'var', 'x', 'x', 3, 12),
    node(2, '*', '*', 'w*x', 6, 6, [0, 1], [3, 2]),
    node(3, 'var', 'b', 'b', 1, 6),
    node(4, '+', '+', 'w*x + b', 7, 6, [2, 3], [1, 1]),
    node(5, 'var', 'y', 'y', 4, -6),
    node(6, '-', '-', 'w*x + b - y', 3, 6, [4, 5], [1, -1]),
    node(7, 'const', '2', '2', 2, null),
    node(8, '^', '^', '(w*x + b - y)^2', 9, 1, [6, 7], [6, null]),
  ],
  edges: [
    { from: 0, to: 2, slot: 0, local: 3 },
    { from: 1, to: 2, slot: 1, local: 2 },
    { from: 2, to: 4, slot: 0, local: 1 },
    { from: 3, to: 4, slot: 1, local: 1 },
    { from: 4, to: 6, slot: 0, local: 1 },
    { from: 5, to: 6, slot: 1, local: -1 },
    { from: 6, to: 8, slot: 0, local: 6 },
    { from: 7, to: 8, slot: 1, local: null },
  ],
  forward: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  backward: [8, 6, 5, 4, 3, 2, 1, 0],
};

describe('chain-rule lines', () => {
  it('forward: each value from its inputs', () => {
    expect(expressionForward(LESSON, 2)[0]!.math).toBe('w·x = 2 × 3 = 6');
    expect(expressionForward(LESSON, 6)[0]!.math).toBe('w·x + b − y = 7 − 4 = 3');
    expect(expressionForward(LESSON, 8)[0]!.math).toBe('(w·x + b − y)^2 = 3^2 = 9');
    expect(expressionForward(LESSON, 0)[0]).toEqual({ math: 'w = 2', note: 'leaf' });
  });
  it('backward: ∂L/∂input = ∂L/∂node · ∂node/∂input with the numbers', () => {
    expect(expressionBackward(LESSON, 8)).toEqual([{ math: '∂L/∂L = 1', note: 'seed' }]);
    const w = expressionBackward(LESSON, 0).map((l) => l.math);
    expect(w).toEqual(['∂L/∂w = ∂L/∂(w·x) · ∂(w·x)/∂w', '= 6 × 3 = 18', '∂(w·x)/∂w = x = 3']);
    const y = expressionBackward(LESSON, 5).map((l) => l.math);
    expect(y[1]).toBe('= 6 × (−1) = −6');
    const inner = expressionBackward(LESSON, 6).map((l) => l.math);
    expect(inner[2]).toBe('∂((w·x + b − y)^2)/∂(w·x + b − y) = 2·(w·x + b − y)^(2−1) = 6');
  });
  it('local rules name the other operand', () => {
    expect(localRule('/', 1, 'a', 'b')).toBe('−a/b²');
    expect(localRule('sin', 0, 'x', '')).toBe('cos(x)');
  });
});

describe('stepping', () => {
  it('reveals values in forward order, then gradients in backward order', () => {
    const F = LESSON.forward.length;
    expect(stepState(LESSON, 0).phase).toBe('idle');
    const s3 = stepState(LESSON, 3);
    expect([s3.phase, s3.current, s3.hasValue(2), s3.hasValue(3)]).toEqual(['forward', 2, true, false]);
    const back = stepState(LESSON, F + 2);
    expect([back.phase, back.current, back.hasGrad(8), back.hasGrad(6), back.hasGrad(5)]).toEqual(['backward', 6, true, true, false]);
    const end = stepState(LESSON, F + LESSON.backward.length);
    expect([end.phase, end.current, end.total]).toEqual(['done', 0, 17]);
  });
});

describe('expression variables and numbers', () => {
  it('finds the variables, not functions, constants or exponents', () => {
    expect(expressionVariables('(w*x + b - y)^2')).toEqual(['w', 'x', 'b', 'y']);
    expect(expressionVariables('sin(x)*2e3 + pi*x + e + tanh(w1)')).toEqual(['x', 'w1']);
  });
  it('formats with 4 significant digits and a real minus sign', () => {
    expect([formatNumber(3.61), formatNumber(-7.6), formatNumber(0.8156155943870544), formatNumber(-0.0228448, 3), formatNumber(1e-5), formatNumber(12345), formatNumber(1000, 3)]).toEqual(['3.61', '−7.6', '0.8156', '−0.0228', '1e−5', '12350', '1000']);
  });
});
