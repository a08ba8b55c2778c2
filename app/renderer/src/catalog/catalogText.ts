/**
 * The engine's catalog (src/native/catalog.ts: optimizers, landscapes, data sets) is written in English.
 * This file gives each of its display texts in 简体中文, keyed by the English text itself, so the UI can
 * show the catalog in either language without a second copy of the tables. A node test checks that every
 * title, note, description and doc of the catalog has an entry here (test/node/E9.catalog-text.test.ts).
 * Terms follow ../shared/GLOSSARY.md.
 */
import type { Lang } from '../i18n/strings';

export const CATALOG_ZH: Record<string, string> = {
  // optimizer titles
  SGD: '随机梯度下降（SGD）',
  Momentum: '动量法',
  'Nesterov momentum': 'Nesterov 动量',
  Adagrad: 'AdaGrad 算法',
  RMSprop: 'RMSProp 算法',
  Adam: 'Adam 算法',
  AdamW: 'AdamW 算法',
  AMSGrad: 'AMSGrad 算法',
  NAdam: 'NAdam 算法',
  Adadelta: 'AdaDelta 算法',
  // hyper-parameter docs
  'L2 penalty: adds weight_decay·θ to the gradient': 'L2 惩罚（权重衰减）：梯度加上 weight_decay·θ',
  "added inside both square roots; sets the first steps' size": '加在两个平方根内的很小的常数，决定最初几步的大小',
  'added to √G so small averages do not blow up the step': '加到 √G 上的很小的常数，避免平均值很小时步长爆炸',
  'added to √G so the first steps stay finite': '加到 √G 上的很小的常数，使最初几步保持有限',
  'added to √v̂ so tiny gradients do not blow up the step': '加到 √v̂ 上的很小的常数，避免梯度极小时步长爆炸',
  'decay of both moving averages': '两个滑动平均的衰减率',
  'decay of the gradient average m (momentum)': '梯度平均 m（一阶矩）的衰减率',
  'decay of the moving average of squared gradients': '梯度平方滑动平均的衰减率 β',
  'decay of the squared-gradient average v': '梯度平方平均 v（二阶矩）的衰减率',
  'decoupled decay λ: θ shrinks by lr·λ·θ each step': '解耦的权重衰减 λ：每步 θ 减少 lr·λ·θ',
  'divide m and v by 1 − βᵗ (off: use m, v)': '偏差修正：m 和 v 除以 1 − βᵗ（关闭时直接用 m、v）',
  'learning rate: scales the gradient added to the velocity': '学习率：加到动量变量上的梯度的比例',
  'learning rate: the largest typical step per parameter': '学习率：每个参数典型的最大步长',
  'learning rate: the step before per-parameter scaling': '学习率：按参数缩放之前的步长',
  'learning rate: the step is lr times the gradient': '学习率：步长为 lr 乘以梯度',
  'momentum: the fraction of the velocity kept each step': '动量超参数 β：每步保留的动量变量比例',
  "scales Δ (1 = the paper's rule)": '缩放 Δ（1 即论文中的规则）',
  'ψ: how fast the momentum μ_t warms up to β1': 'ψ：动量 μ_t 增长到 β1 的快慢',
  // landscapes
  Rosenbrock: 'Rosenbrock 函数',
  Beale: 'Beale 函数',
  Himmelblau: 'Himmelblau 函数',
  Booth: 'Booth 函数',
  Matyas: 'Matyas 函数',
  'Goldstein–Price': 'Goldstein–Price 函数',
  Ackley: 'Ackley 函数',
  Rastrigin: 'Rastrigin 函数',
  Saddle: '鞍点',
  'Quadratic bowl': '二次碗（病态）',
  'Three-hump camel': '三峰驼峰函数',
  'Styblinski–Tang': 'Styblinski–Tang 函数',
  'a long, curved, flat-bottomed valley: easy to fall into, slow to follow to the minimum at (a, a²)':
    '一条狭长、弯曲、底部平坦的山谷：很容易落入，但沿谷底走到最小值 (a, a²) 很慢',
  'flat plateaus and sharp ridges; the minimum (3, 0.5) lies in a narrow curved valley': '平坦的高原和陡峭的山脊；最小值 (3, 0.5) 位于一条狭窄弯曲的山谷中',
  'four equally deep minima: which one you reach depends on the start and on how you step': '四个同样深的最小值：到达哪一个取决于起点和更新方式',
  'a tilted, elongated bowl (condition number 9): plain gradient descent zig-zags a little': '一个倾斜、拉长的碗（条件数 9）：普通梯度下降会轻微地之字形前进',
  'a nearly flat valley along y = x (condition number 25): fast across it, slow along it': '沿 y = x 的近乎平坦的山谷（条件数 25）：横穿很快，沿谷很慢',
  'steep walls and local minima (f = 30, 84, 840); plain gradient descent from the start stops at f = 30':
    '陡峭的谷壁和局部最优（f = 30、84、840）；从默认起点出发的普通梯度下降停在 f = 30',
  'a nearly flat plain full of small pits around one deep funnel at the origin (∇f is set to 0 at its tip)':
    '近乎平坦、布满小坑的平原，中间是原点处的一个深漏斗（漏斗尖端处 ∇f 取 0）',
  'a regular grid of local minima on a bowl: gradient steps stop in the nearest pit': '碗面上规则排列的局部最优：梯度步会停在最近的小坑里',
  'a saddle point at the origin, unbounded below along y: how fast does each optimizer escape?': '原点处的鞍点，沿 y 方向无下界：各个优化器逃离鞍点有多快？',
  'an elongated bowl with condition number κ: the textbook case for momentum and adaptive steps': '条件数为 κ 的拉长的碗：动量法和自适应学习率的教科书案例',
  'a global minimum at the origin between two shallower local minima (f ≈ 0.299)': '原点处的全局最优，两侧是两个较浅的局部最优（f ≈ 0.299）',
  'four basins of different depths; from the default start plain descent settles in the shallowest': '四个深浅不同的盆地；从默认起点出发的普通梯度下降停在最浅的一个',
  'where the valley bottoms out: the minimum is at (a, a²)': '山谷最低处的位置：最小值在 (a, a²)',
  'steepness of the valley walls (larger: narrower valley)': '谷壁的陡峭程度（越大山谷越窄）',
  'height of the ripples (0: a plain bowl)': '波纹的高度（0：普通的碗）',
  'condition number: curvature along y over curvature along x': '条件数：y 方向曲率与 x 方向曲率之比',
  // data sets
  'K interleaved spiral arms: needs a curved, many-piece boundary': 'K 条交错的螺旋臂：需要弯曲、分段很多的决策边界',
  'a ring inside a ring: not separable by any line': '环中之环：任何直线都无法分开',
  'two interleaving half circles: a gently curved boundary': '两个交错的半圆：决策边界略有弯曲',
  'four quadrant clusters, opposite corners alike: needs a hidden layer': '四个象限的簇，对角同类：需要一个隐藏层',
  'K Gaussian clusters on a circle: nearly linearly separable': '圆周上的 K 个高斯簇：几乎线性可分',
  'a k×k board of alternating cells: many sharp corners': 'k×k 的交替方格：有很多尖角',
  'y = sin(x) plus noise: a smooth curve to fit': 'y = sin(x) 加噪声：要拟合的平滑曲线',
  'y = c0 + c1·x + c2·x² + c3·x³ plus noise (default x³ − x)': 'y = c0 + c1·x + c2·x² + c3·x³ 加噪声（默认 x³ − x）',
  'a staircase plus noise: jumps that smooth units only approximate': '阶梯加噪声：平滑的神经元只能近似这些跳变',
  'number of samples, train and test together': '样本数（训练集和测试集合计）',
  'standard deviation of the Gaussian noise added to the target': '加到目标值上的高斯噪声的标准差',
  'standard deviation of the Gaussian noise added to each coordinate': '加到每个坐标上的高斯噪声的标准差',
  'standard deviation of the Gaussian noise added to the angle, in radians': '加到角度上的高斯噪声的标准差（弧度）',
  'standard deviation of each cluster in each coordinate': '每个簇在每个坐标上的标准差',
  'share of the samples held out as the test set (stratified by class)': '留作测试集的样本比例（按类别分层）',
  'random seed: the same seed gives the same points and the same split': '随机种子：相同的种子给出相同的点和相同的划分',
  'number of clusters, one class each': '簇的个数，每簇一类',
  'number of spiral arms, one class each': '螺旋臂的条数，每条一类',
  'radius of the inner ring (the outer ring has radius 1)': '内环的半径（外环半径为 1）',
  'cells per side of the board': '棋盘每边的格数',
  'inputs are uniform in [−x_max, x_max]': '输入在 [−x_max, x_max] 上均匀分布',
  'constant term': '常数项',
  'coefficient of x': 'x 的系数',
  'coefficient of x²': 'x² 的系数',
  'coefficient of x³': 'x³ 的系数',
  'number of flat steps from y = −1 up to y = 1': '从 y = −1 到 y = 1 的平台级数',
};

/** A catalog text in the UI's language (English: the text itself; unknown in Chinese: the English). */
export function catalogText(lang: Lang, english: string): string {
  return lang === 'zh-CN' ? (CATALOG_ZH[english] ?? english) : english;
}
