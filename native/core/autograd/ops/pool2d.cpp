// max_pool2d forward/backward and its tape op (see pool2d.hpp).
#include "pool2d.hpp"

#include <string>
#include <type_traits>

#include "checks.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(GRADLAB_NO_DISPATCH)
#include <immintrin.h>
#define LAB_POOL_AVX2 1
#endif

namespace lab::ag {

using i64 = std::int64_t;

Pool2dGeometry Pool2dGeometry::of(const Shape& inp, i64 k, i64 stride) {
  expect_rank("pool2d", "the input", inp, 4);
  if (k < 1 || stride < 1)
    shape_error("pool2d", "window and stride must be ≥ 1, got window " + std::to_string(k) + ", stride " +
                                  std::to_string(stride));
  if (inp[2] < k || inp[3] < k)
    shape_error("pool2d", "a " + std::to_string(k) + "×" + std::to_string(k) + " window does not fit the input " +
                                  inp.str());
  Pool2dGeometry g;
  g.N = inp[0], g.C = inp[1], g.H = inp[2], g.W = inp[3], g.k = k, g.stride = stride;
  g.Ho = (g.H - k) / stride + 1;
  g.Wo = (g.W - k) / stride + 1;
  return g;
}

namespace {

// Window indices are kept as T (exact integers up to 2^24 in float): a channel plane must be smaller.
template <class T>
constexpr i64 kMaxPlane = std::is_same_v<T, float> ? (i64{1} << 24) : (i64{1} << 53);

}  // namespace

namespace {

// The 2×2, stride-2 windows of the CNN presets. Window x of output row y reads a = r0[2x], b = r0[2x+1],
// c = r1[2x], d = r1[2x+1] (r0, r1 the two input rows); the winner is the first maximum in that order,
// and a window holding a NaN is its first NaN — the same bits as the general scan below.
template <class T>
inline void max2x2_one(const T* plane, i64 at0, i64 at1, i64 x, T* o, T* arg) {
  const i64 cand[4] = {at0 + 2 * x, at0 + 2 * x + 1, at1 + 2 * x, at1 + 2 * x + 1};
  i64 best = cand[0];
  T bv = plane[best];
  for (int k = 1; k < 4 && bv == bv; ++k) {
    const T v = plane[cand[k]];
    if (v > bv || v != v) bv = v, best = cand[k];
  }
  *o = bv;
  if (arg) *arg = static_cast<T>(best);
}

#if defined(LAB_POOL_AVX2)
// max2x2_row's windows eight at a time with AVX2, for CPUs that have it (checked once at run time; the
// build stays baseline x86-64): the same selects, so the same values and winners. Returns the windows
// done — all of them (the last eight overlapping the ones before, as max2x2_row's last four do) — or,
// when a group of eight holds a NaN, the windows before that group (max2x2_row finishes the row).
#define LAB_AVX2 __attribute__((target("avx2")))
// _mm256_shuffle_ps works within 128-bit halves: the windows come as 0 1 4 5 | 2 3 6 7, put in order
LAB_AVX2 inline __m256 window_order(__m256 v) {
  return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(v), _MM_SHUFFLE(3, 1, 2, 0)));
}
LAB_AVX2 inline __m256i pick8(__m256 m, __m256i yes, __m256i no) {
  return _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(no), _mm256_castsi256_ps(yes), m));
}
// Windows xs … xs + 7 of the row whose input rows are r0 and r1 (at0, at1 their plane offsets); false,
// with nothing written, when one of them holds a NaN.
LAB_AVX2 inline bool max2x2_eight(const float* r0, const float* r1, i64 at0, i64 at1, i64 xs, float* o, float* arg) {
  const __m256 p0 = _mm256_loadu_ps(r0 + 2 * xs), p1 = _mm256_loadu_ps(r0 + 2 * xs + 8);
  const __m256 q0 = _mm256_loadu_ps(r1 + 2 * xs), q1 = _mm256_loadu_ps(r1 + 2 * xs + 8);
  const __m256 a = window_order(_mm256_shuffle_ps(p0, p1, _MM_SHUFFLE(2, 0, 2, 0)));
  const __m256 b = window_order(_mm256_shuffle_ps(p0, p1, _MM_SHUFFLE(3, 1, 3, 1)));
  const __m256 c = window_order(_mm256_shuffle_ps(q0, q1, _MM_SHUFFLE(2, 0, 2, 0)));
  const __m256 d = window_order(_mm256_shuffle_ps(q0, q1, _MM_SHUFFLE(3, 1, 3, 1)));
  const __m256 nan = _mm256_or_ps(_mm256_or_ps(_mm256_cmp_ps(a, a, _CMP_UNORD_Q), _mm256_cmp_ps(b, b, _CMP_UNORD_Q)),
                                  _mm256_or_ps(_mm256_cmp_ps(c, c, _CMP_UNORD_Q), _mm256_cmp_ps(d, d, _CMP_UNORD_Q)));
  if (_mm256_movemask_ps(nan) != 0) return false;
  const __m256 top = _mm256_max_ps(_mm256_max_ps(a, b), _mm256_max_ps(c, d));
  const __m256 ea = _mm256_cmp_ps(a, top, _CMP_EQ_OQ), eb = _mm256_cmp_ps(b, top, _CMP_EQ_OQ), ec = _mm256_cmp_ps(c, top, _CMP_EQ_OQ);
  // blendv takes its second operand where the mask is set: the first of a, b, c equal to the top, else d
  _mm256_storeu_ps(o + xs, _mm256_blendv_ps(_mm256_blendv_ps(_mm256_blendv_ps(d, c, ec), b, eb), a, ea));
  if (arg) {
    const __m256i one = _mm256_set1_epi32(1), two = _mm256_set1_epi32(2), three = _mm256_set1_epi32(3);
    const __m256i w = pick8(ea, _mm256_setzero_si256(), pick8(eb, one, pick8(ec, two, three)));
    // index = (w < 2 ? at0 : at1 − 2) + 2·(xs + lane) + w
    const __m256i lane2 = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(2 * xs)), _mm256_set_epi32(14, 12, 10, 8, 6, 4, 2, 0));
    const __m256i low = _mm256_cmpgt_epi32(two, w);
    const __m256i row = _mm256_blendv_epi8(_mm256_set1_epi32(static_cast<int>(at1 - 2)), _mm256_set1_epi32(static_cast<int>(at0)), low);
    _mm256_storeu_ps(arg + xs, _mm256_cvtepi32_ps(_mm256_add_epi32(_mm256_add_epi32(row, lane2), w)));
  }
  return true;
}

LAB_AVX2 i64 max2x2_row_avx2(const float* plane, i64 W, i64 Wo, i64 y, float* o, float* arg) {
  const i64 at0 = 2 * y * W, at1 = at0 + W;
  const float* r0 = plane + at0;
  const float* r1 = plane + at1;
  i64 x = 0;
  for (; x + 8 <= Wo; x += 8)
    if (!max2x2_eight(r0, r1, at0, at1, x, o, arg)) return x;
  if (x < Wo) {
    if (!max2x2_eight(r0, r1, at0, at1, Wo - 8, o, arg)) return x;
    x = Wo;
  }
  return x;
}
#undef LAB_AVX2

const bool kPoolAvx2 = __builtin_cpu_supports("avx2");
#endif

// Output row y of one channel plane, four windows at a time with SSE2 selects (float only: which
// value wins is data, so branches mispredict; cnn_b50 spent 21–27 % of a step here); rows of fewer
// than four windows (and doubles) one by one.
template <class T>
void max2x2_row(const T* plane, i64 W, i64 Wo, i64 y, T* o, T* arg) {
  const i64 at0 = 2 * y * W, at1 = at0 + W;
  i64 x = 0;
#if defined(__SSE2__)
  if constexpr (std::is_same_v<T, float>) {
#if defined(LAB_POOL_AVX2)
    if (kPoolAvx2 && Wo >= 8) x = max2x2_row_avx2(plane, W, Wo, y, o, arg);
#endif
    const float* r0 = plane + at0;
    const float* r1 = plane + at1;
    const __m128i two = _mm_set1_epi32(2), one = _mm_set1_epi32(1), three = _mm_set1_epi32(3);
    auto four = [&](i64 xs) {
      const __m128 p0 = _mm_loadu_ps(r0 + 2 * xs), p1 = _mm_loadu_ps(r0 + 2 * xs + 4);
      const __m128 q0 = _mm_loadu_ps(r1 + 2 * xs), q1 = _mm_loadu_ps(r1 + 2 * xs + 4);
      const __m128 a = _mm_shuffle_ps(p0, p1, _MM_SHUFFLE(2, 0, 2, 0)), b = _mm_shuffle_ps(p0, p1, _MM_SHUFFLE(3, 1, 3, 1));
      const __m128 c = _mm_shuffle_ps(q0, q1, _MM_SHUFFLE(2, 0, 2, 0)), d = _mm_shuffle_ps(q0, q1, _MM_SHUFFLE(3, 1, 3, 1));
      const __m128 nan = _mm_or_ps(_mm_or_ps(_mm_cmpunord_ps(a, a), _mm_cmpunord_ps(b, b)), _mm_or_ps(_mm_cmpunord_ps(c, c), _mm_cmpunord_ps(d, d)));
      if (_mm_movemask_ps(nan) != 0) {  // a NaN among these windows: the general rule, one by one
        for (i64 k = 0; k < 4; ++k) max2x2_one(plane, at0, at1, xs + k, o + xs + k, arg ? arg + xs + k : nullptr);
        return;
      }
      const __m128 top = _mm_max_ps(_mm_max_ps(a, b), _mm_max_ps(c, d));
      const __m128 ea = _mm_cmpeq_ps(a, top), eb = _mm_cmpeq_ps(b, top), ec = _mm_cmpeq_ps(c, top);
      auto pick = [](__m128 m, __m128 yes, __m128 no) { return _mm_or_ps(_mm_and_ps(m, yes), _mm_andnot_ps(m, no)); };
      auto picki = [](__m128 m, __m128i yes, __m128i no) {
        const __m128i mi = _mm_castps_si128(m);
        return _mm_or_si128(_mm_and_si128(mi, yes), _mm_andnot_si128(mi, no));
      };
      _mm_storeu_ps(o + xs, pick(ea, a, pick(eb, b, pick(ec, c, d))));  // the winner's own bits
      if (arg) {
        const __m128i w = picki(ea, _mm_setzero_si128(), picki(eb, one, picki(ec, two, three)));
        // index = (w < 2 ? at0 : at1 − 2) + 2·(xs + lane) + w
        const __m128i lane2 = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(2 * xs)), _mm_set_epi32(6, 4, 2, 0));
        const __m128i low = _mm_cmplt_epi32(w, two);
        const __m128i row = _mm_or_si128(_mm_and_si128(low, _mm_set1_epi32(static_cast<int>(at0))),
                                         _mm_andnot_si128(low, _mm_set1_epi32(static_cast<int>(at1 - 2))));
        _mm_storeu_ps(arg + xs, _mm_cvtepi32_ps(_mm_add_epi32(_mm_add_epi32(row, lane2), w)));
      }
    };
    if (x == Wo) return;
    for (; x + 4 <= Wo; x += 4) four(x);
    // the last windows: four that end at the row's end, overlapping ones already done (they are
    // written again with the same bits), instead of a scalar tail (7 of a 14×14 plane's 7 windows,
    // 2 of 14: the scalar branches took about half of the pooling's time)
    if (x < Wo && Wo >= 4) {
      four(Wo - 4);
      x = Wo;
    }
  }
#endif
  for (; x < Wo; ++x) max2x2_one(plane, at0, at1, x, o + x, arg ? arg + x : nullptr);
}

}  // namespace

// For each window: the first maximum in row-major order; a NaN wins and ends the scan. This branches:
// a branch-free version (selects) measured slower, 20 % of a CNN step against 14 %. 2×2 windows at
// stride 2 take the row routine above.
template <class T>
void max_pool2d_forward(T* out, T* argmax, const T* inp, const Pool2dGeometry& g) {
  if (g.k == 2 && g.stride == 2) {
    for (i64 p = 0; p < g.N * g.C; ++p) {
      const T* plane = inp + p * g.H * g.W;
      for (i64 y = 0; y < g.Ho; ++y)
        max2x2_row(plane, g.W, g.Wo, y, out + p * g.Ho * g.Wo + y * g.Wo, argmax ? argmax + p * g.Ho * g.Wo + y * g.Wo : nullptr);
    }
    return;
  }
  for (i64 p = 0; p < g.N * g.C; ++p) {
    const T* plane = inp + p * g.H * g.W;
    T* o = out + p * g.Ho * g.Wo;
    T* arg = argmax ? argmax + p * g.Ho * g.Wo : nullptr;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) {
        i64 best = y * g.stride * g.W + x * g.stride;
        T bv = plane[best];
        for (i64 i = 0; i < g.k && bv == bv; ++i) {
          const i64 row = (y * g.stride + i) * g.W + x * g.stride;
          for (i64 j = 0; j < g.k; ++j) {
            const T v = plane[row + j];
            if (v > bv || v != v) {
              bv = v, best = row + j;
              if (v != v) break;
            }
          }
        }
        o[y * g.Wo + x] = bv;
        if (arg) arg[y * g.Wo + x] = static_cast<T>(best);
      }
  }
}

template <class T>
void max_pool2d_backward(T* dinp, const T* dout, const T* argmax, const Pool2dGeometry& g) {
  const i64 outs = g.Ho * g.Wo;
  for (i64 p = 0; p < g.N * g.C; ++p) {
    T* dplane = dinp + p * g.H * g.W;
    for (i64 o = 0; o < outs; ++o) dplane[static_cast<i64>(argmax[p * outs + o])] += dout[p * outs + o];
  }
}

namespace {

// After a max-pool forward: relu of each window's result, one branch-free pass per channel plane
// (data-dependent branches mispredict half the time here). A plane with a NaN result (a window held
// one) has those windows scanned again with NaN and negatives read as 0 (relu's outputs), so value
// and winner are max_pool2d(relu(x))'s.
template <class T>
void relu_after_pool(T* out, T* argmax, const T* inp, const Pool2dGeometry& g) {
  const i64 outs = g.Ho * g.Wo;
  for (i64 p = 0; p < g.N * g.C; ++p) {
    T* o = out + p * outs;
    bool nan = false;
    for (i64 q = 0; q < outs; ++q) nan |= o[q] != o[q];
    if (nan) {
      const T* plane = inp + p * g.H * g.W;
      for (i64 q = 0; q < outs; ++q) {
        if (o[q] == o[q]) continue;
        const i64 y = q / g.Wo, x = q % g.Wo;
        i64 best = y * g.stride * g.W + x * g.stride;
        T bv = 0;
        for (i64 i = 0; i < g.k; ++i)
          for (i64 j = 0; j < g.k; ++j) {
            const i64 at = (y * g.stride + i) * g.W + x * g.stride + j;
            const T r = plane[at] > 0 ? plane[at] : T(0);
            if (r > bv) bv = r, best = at;
          }
        o[q] = bv;
        if (argmax) argmax[p * outs + q] = static_cast<T>(best);
      }
    }
    for (i64 q = 0; q < outs; ++q) o[q] = o[q] > 0 ? o[q] : T(0);
  }
}

// dinp += dout routed to each positive window's winner. A zero window adds +0 instead of branching
// (a no-op on gradient sums, which start at +0 and so are never −0). 2×2 windows at stride 2 go four
// at a time with SSE2: each window's winner is one of its four inputs, so both input rows are written
// densely (the winner's share, zeros beside it) instead of scattered one by one.
template <class T>
void relu_max_pool2d_backward(T* dinp, const T* dout, const T* out, const T* argmax, const Pool2dGeometry& g) {
  const i64 outs = g.Ho * g.Wo;
  for (i64 p = 0; p < g.N * g.C; ++p) {
    T* dplane = dinp + p * g.H * g.W;
    const T* o = out + p * outs;
    const T* d = dout + p * outs;
    const T* arg = argmax + p * outs;
    i64 q0 = 0;  // windows before q0 are done
#if defined(__SSE2__)
    if constexpr (std::is_same_v<T, float>) {
      if (g.k == 2 && g.stride == 2 && g.Wo >= 4) {
        for (i64 y = 0; y < g.Ho; ++y) {
          const i64 at0 = 2 * y * g.W;
          float* r0 = dplane + at0;
          float* r1 = r0 + g.W;
          const i64 row = y * g.Wo;
          i64 x = 0;
          for (; x + 4 <= g.Wo; x += 4) {
            const __m128 ov = _mm_loadu_ps(o + row + x);
            const __m128 dd = _mm_and_ps(_mm_cmpgt_ps(ov, _mm_setzero_ps()), _mm_loadu_ps(d + row + x));
            // the winner relative to the window's top-left input: 0, 1, W or W + 1
            const __m128i base = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(at0 + 2 * x)), _mm_set_epi32(6, 4, 2, 0));
            const __m128i rel = _mm_sub_epi32(_mm_cvttps_epi32(_mm_loadu_ps(arg + row + x)), base);
            const __m128i w = _mm_set1_epi32(static_cast<int>(g.W));
            const __m128 a = _mm_and_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(rel, _mm_setzero_si128())), dd);
            const __m128 b = _mm_and_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(rel, _mm_set1_epi32(1))), dd);
            const __m128 c = _mm_and_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(rel, w)), dd);
            const __m128 e = _mm_and_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(rel, _mm_add_epi32(w, _mm_set1_epi32(1)))), dd);
            float* t = r0 + 2 * x;
            float* u = r1 + 2 * x;
            _mm_storeu_ps(t, _mm_add_ps(_mm_loadu_ps(t), _mm_unpacklo_ps(a, b)));
            _mm_storeu_ps(t + 4, _mm_add_ps(_mm_loadu_ps(t + 4), _mm_unpackhi_ps(a, b)));
            _mm_storeu_ps(u, _mm_add_ps(_mm_loadu_ps(u), _mm_unpacklo_ps(c, e)));
            _mm_storeu_ps(u + 4, _mm_add_ps(_mm_loadu_ps(u + 4), _mm_unpackhi_ps(c, e)));
          }
          for (; x < g.Wo; ++x) {  // the row's last windows, one by one
            const T dq = d[row + x];
            dplane[static_cast<i64>(arg[row + x])] += o[row + x] > 0 ? dq : T(0);
          }
        }
        q0 = outs;
      }
    }
#endif
    for (i64 q = q0; q < outs; ++q) {
      const T dq = d[q];
      dplane[static_cast<i64>(arg[q])] += o[q] > 0 ? dq : T(0);
    }
  }
}

}  // namespace

namespace {

// The max-pooling tape op, plain or with the relu before it fused (relu_first): each window's winner
// is kept for the backward; the fused backward also needs the output (a zero window passes nothing).
template <class T>
Tensor<T> max_pool_op(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride, bool relu_first) {
  const char* op = relu_first ? "relu_max_pool2d" : "max_pool2d";
  const Pool2dGeometry g = Pool2dGeometry::of(x.shape, k, stride == 0 ? k : stride);
  if (g.H * g.W > kMaxPlane<T>) shape_error(op, "a channel plane of " + x.shape.str() + " is too large");
  Tensor<T> out = tape.alloc(Shape{g.N, g.C, g.Ho, g.Wo}, any_grad(x));
  T* argmax = out.grad ? tape.scratch(out.numel()) : nullptr;  // each window's winner, for the backward
  max_pool2d_forward(out.value, argmax, x.value, g);
  if (relu_first) relu_after_pool(out.value, argmax, x.value, g);
  if (out.grad) {
    typename Node<T>::Backward plain = [](const Node<T>& n) {
      max_pool2d_backward(n.in[0].grad, n.out.grad, n.saved, Pool2dGeometry::of(n.in[0].shape, n.ints[0], n.ints[1]));
    };
    typename Node<T>::Backward fused = [](const Node<T>& n) {
      relu_max_pool2d_backward(n.in[0].grad, n.out.grad, n.out.value, n.saved, Pool2dGeometry::of(n.in[0].shape, n.ints[0], n.ints[1]));
    };
    Node<T> node = make_node<T>(op, out, relu_first ? fused : plain, x);
    node.saved = argmax;
    node.ints[0] = g.k;
    node.ints[1] = g.stride;
    tape.record(node);
  }
  return out;
}

}  // namespace

template <class T>
Tensor<T> max_pool2d(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride) {
  return max_pool_op(tape, x, k, stride, false);
}

template <class T>
Tensor<T> relu_max_pool2d(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride) {
  return max_pool_op(tape, x, k, stride, true);
}

template <class T>
void avg_pool2d_forward(T* out, const T* inp, const Pool2dGeometry& g) {
  const T scale = T(1) / static_cast<T>(g.k * g.k);
  for (i64 p = 0; p < g.N * g.C; ++p) {
    const T* plane = inp + p * g.H * g.W;
    T* o = out + p * g.Ho * g.Wo;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) {
        T sum = 0;
        for (i64 i = 0; i < g.k; ++i) {
          const T* row = plane + (y * g.stride + i) * g.W + x * g.stride;
          for (i64 j = 0; j < g.k; ++j) sum += row[j];
        }
        o[y * g.Wo + x] = sum * scale;
      }
  }
}

template <class T>
void avg_pool2d_backward(T* dinp, const T* dout, const Pool2dGeometry& g) {
  const T scale = T(1) / static_cast<T>(g.k * g.k);
  for (i64 p = 0; p < g.N * g.C; ++p) {
    T* dplane = dinp + p * g.H * g.W;
    const T* d = dout + p * g.Ho * g.Wo;
    for (i64 y = 0; y < g.Ho; ++y)
      for (i64 x = 0; x < g.Wo; ++x) {
        const T share = d[y * g.Wo + x] * scale;
        for (i64 i = 0; i < g.k; ++i) {
          T* row = dplane + (y * g.stride + i) * g.W + x * g.stride;
          for (i64 j = 0; j < g.k; ++j) row[j] += share;
        }
      }
  }
}

template <class T>
Tensor<T> avg_pool2d(Tape<T>& tape, Tensor<T> x, i64 k, i64 stride) {
  const Pool2dGeometry g = Pool2dGeometry::of(x.shape, k, stride == 0 ? k : stride);
  Tensor<T> out = tape.alloc(Shape{g.N, g.C, g.Ho, g.Wo}, any_grad(x));
  avg_pool2d_forward(out.value, x.value, g);
  if (out.grad) {
    Node<T> node = make_node<T>("avg_pool2d", out, [](const Node<T>& n) {
      const Pool2dGeometry g = Pool2dGeometry::of(n.in[0].shape, n.ints[0], n.ints[1]);
      avg_pool2d_backward(n.in[0].grad, n.out.grad, g);
    }, x);
    node.ints[0] = g.k;
    node.ints[1] = g.stride;
    tape.record(node);
  }
  return out;
}

#define LAB_POOL2D(T)                                                                  \
  template void max_pool2d_forward<T>(T*, T*, const T*, const Pool2dGeometry&);        \
  template void max_pool2d_backward<T>(T*, const T*, const T*, const Pool2dGeometry&); \
  template Tensor<T> max_pool2d<T>(Tape<T>&, Tensor<T>, i64, i64);                     \
  template Tensor<T> relu_max_pool2d<T>(Tape<T>&, Tensor<T>, i64, i64);                \
  template void avg_pool2d_forward<T>(T*, const T*, const Pool2dGeometry&);             \
  template void avg_pool2d_backward<T>(T*, const T*, const Pool2dGeometry&);            \
  template Tensor<T> avg_pool2d<T>(Tape<T>&, Tensor<T>, i64, i64);
LAB_POOL2D(float)
LAB_POOL2D(double)

}  // namespace lab::ag
