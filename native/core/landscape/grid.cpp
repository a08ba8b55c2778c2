// Grid evaluation for contour maps: request reading, checks, the row-parallel fill and its summary
// (see grid.hpp).
#include "grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "../error.hpp"

namespace lab::land {

namespace {

const Range kSide{kMinGridSide, kMaxGridSide, false, false, true};

}  // namespace

void check_grid(Bounds b, int width, int height, const std::string& path) {
  check_number(path + ".width", Value(width), kSide);
  check_number(path + ".height", Value(height), kSide);
  check_number(path + ".bounds.xmin", Value(b.xmin), Range::any());
  check_number(path + ".bounds.xmax", Value(b.xmax), Range::any());
  check_number(path + ".bounds.ymin", Value(b.ymin), Range::any());
  check_number(path + ".bounds.ymax", Value(b.ymax), Range::any());
  if (!(b.xmin < b.xmax))
    throw Error(code::invalid_config, path + ".bounds: expected xmin < xmax, got xmin " + format_number(b.xmin) +
                                          " and xmax " + format_number(b.xmax));
  if (!(b.ymin < b.ymax))
    throw Error(code::invalid_config, path + ".bounds: expected ymin < ymax, got ymin " + format_number(b.ymin) +
                                          " and ymax " + format_number(b.ymax));
}

GridRequest read_grid_request(const Value& v, const std::string& path) {
  const Reader r(v, path);
  r.only({"function", "width", "height", "bounds"});
  const Value* fn = r.get("function");
  if (fn == nullptr)
    throw Error(code::invalid_config, r.field_path("function") + ": required, expected a function name or {formula}");
  GridRequest q;
  q.landscape = make_landscape(*fn, r.field_path("function"));
  q.width = static_cast<int>(r.number("width", kSide));
  q.height = static_cast<int>(r.number("height", kSide));
  q.bounds = q.landscape.bounds;
  if (const Value* bv = r.get("bounds"); bv != nullptr && !bv->is_null()) {
    const Reader b = r.object("bounds");
    b.only({"xmin", "xmax", "ymin", "ymax"});
    q.bounds = {b.number("xmin", Range::any()), b.number("xmax", Range::any()), b.number("ymin", Range::any()),
                b.number("ymax", Range::any())};
  }
  check_grid(q.bounds, q.width, q.height, path);
  return q;
}

void evaluate_grid(const Function2D& f, Bounds b, int width, int height, double* out, ThreadPool* pool) {
  check_grid(b, width, height, "grid");
  if (out == nullptr) throw Error(code::internal, "evaluate_grid: no output buffer");
  const auto w = static_cast<std::size_t>(width);
  std::vector<double> xs(w);
  for (std::size_t c = 0; c < w; ++c) xs[c] = std::lerp(b.xmin, b.xmax, static_cast<double>(c) / (width - 1));

  auto rows = [&](std::size_t r0, std::size_t r1) {
    for (std::size_t r = r0; r < r1; ++r) {
      const double y = std::lerp(b.ymin, b.ymax, static_cast<double>(r) / (height - 1));
      f.value_row(xs.data(), y, out + r * w, w);
    }
  };
  const auto h = static_cast<std::size_t>(height);
  if (pool == nullptr || pool->size() == 1) {
    rows(0, h);
    return;
  }
  const std::size_t grain = std::max<std::size_t>(1, 4096 / w);  // at least ~4096 points per chunk
  pool->parallel_for(h, grain, rows);
}

GridStats grid_stats(const double* values, std::size_t n) {
  GridStats s{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(), 0, 0, 0, 0};
  bool any = false;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = values[i];
    if (std::isnan(v)) {
      ++s.nan;
    } else if (std::isinf(v)) {
      ++(v > 0 ? s.pos_inf : s.neg_inf);
    } else if (!any) {
      s.min = s.max = v;
      any = true;
    } else {
      s.min = std::min(s.min, v);
      s.max = std::max(s.max, v);
    }
  }
  s.non_finite = s.nan + s.pos_inf + s.neg_inf;
  return s;
}

}  // namespace lab::land
