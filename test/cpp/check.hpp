// A minimal test harness for the C++ core: TEST cases registered at static-init time, CHECK macros that
// record failures and keep going, and a main() that prints "N passed, N failed" and returns non-zero on
// failure. Each test_*.cpp is one ctest executable. (Small on purpose: no dependency to install on
// Windows or macOS developer machines.)
#pragma once

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace check {

struct Case { const char* name; std::function<void()> fn; };
inline std::vector<Case>& cases() { static std::vector<Case> c; return c; }
inline int& failures() { static int f = 0; return f; }
struct Register { Register(const char* n, std::function<void()> f) { cases().push_back({n, std::move(f)}); } };

inline void fail(const char* file, int line, const std::string& what) {
  ++failures();
  std::fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what.c_str());
}
inline bool near(double a, double b, double tol) {
  if (std::isnan(a) || std::isnan(b)) return false;
  return std::fabs(a - b) <= tol;
}
inline bool rel_near(double a, double b, double rel) {
  if (std::isnan(a) || std::isnan(b)) return false;
  return std::fabs(a - b) <= rel * std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
}
inline std::string num(double v) { char b[64]; std::snprintf(b, sizeof b, "%.17g", v); return b; }

}  // namespace check

#define CHECK_CAT2(a, b) a##b
#define CHECK_CAT(a, b) CHECK_CAT2(a, b)
#define TEST(name)                                                                       \
  static void CHECK_CAT(test_fn_, __LINE__)();                                           \
  static check::Register CHECK_CAT(test_reg_, __LINE__)(name, CHECK_CAT(test_fn_, __LINE__)); \
  static void CHECK_CAT(test_fn_, __LINE__)()

#define CHECK(cond) \
  do { if (!(cond)) check::fail(__FILE__, __LINE__, "CHECK(" #cond ")"); } while (0)
// |a - b| <= tol
#define CHECK_NEAR(a, b, tol)                                                                       \
  do { double a_ = (a), b_ = (b);                                                                  \
       if (!check::near(a_, b_, (tol)))                                                            \
         check::fail(__FILE__, __LINE__, std::string(#a " = ") + check::num(a_) + ", expected " +  \
                     check::num(b_) + " within " + check::num(tol)); } while (0)
// |a - b| <= rel * max(1, |a|, |b|)
#define CHECK_REL(a, b, rel)                                                                        \
  do { double a_ = (a), b_ = (b);                                                                  \
       if (!check::rel_near(a_, b_, (rel)))                                                        \
         check::fail(__FILE__, __LINE__, std::string(#a " = ") + check::num(a_) + ", expected " +  \
                     check::num(b_) + " within relative " + check::num(rel)); } while (0)
// Expects `expr` to throw lab::Error with code `c` and a message containing `part`.
#define CHECK_THROWS_CODE(expr, c, part)                                                            \
  do { bool thrown_ = false;                                                                        \
       try { (void)(expr); } catch (const lab::Error& e_) {                                         \
         thrown_ = true;                                                                            \
         if (e_.code() != std::string(c)) check::fail(__FILE__, __LINE__, "code " + e_.code() + ", expected " + std::string(c) + " (" + e_.what() + ")"); \
         else if (std::string(e_.what()).find(part) == std::string::npos)                         \
           check::fail(__FILE__, __LINE__, std::string("message \"") + e_.what() + "\" lacks \"" + (part) + "\""); \
       } catch (const std::exception& e_) {                                                         \
         thrown_ = true; check::fail(__FILE__, __LINE__, std::string("non-lab exception: ") + e_.what()); } \
       if (!thrown_) check::fail(__FILE__, __LINE__, "no exception from " #expr); } while (0)

#define CHECK_MAIN()                                                                        \
  int main() {                                                                              \
    int passed = 0, failed = 0;                                                             \
    for (auto& c : check::cases()) {                                                        \
      int before = check::failures();                                                       \
      try { c.fn(); } catch (const std::exception& e) { check::fail(__FILE__, __LINE__, std::string("uncaught: ") + e.what()); } \
      bool ok = check::failures() == before;                                                \
      std::printf("%s %s\n", ok ? "ok  " : "FAIL", c.name);                                 \
      (ok ? passed : failed)++;                                                             \
    }                                                                                       \
    std::printf("%d passed, %d failed\n", passed, failed);                                  \
    return failed == 0 ? 0 : 1;                                                             \
  }
